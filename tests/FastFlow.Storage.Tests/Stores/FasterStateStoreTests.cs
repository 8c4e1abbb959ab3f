using System.Text;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>The contract, plus what only a durable store has: reopening, crashes, the lock.</summary>
public sealed class FasterStateStoreTests : StateStoreContractTests, IDisposable
{
    private readonly TestDirectory _directory = new();
    private int _stores;

    protected override IStateStore CreateStore(StoreDurability durability = StoreDurability.Batched) =>
        FasterStateStore.Open(NewPath(), FasterTestOptions.Create(durability));

    public void Dispose() => _directory.Dispose();

    private string NewPath() => Path.Combine(_directory.Path, "store" + Interlocked.Increment(ref _stores));

    [Fact]
    public async Task Everything_written_is_there_after_dispose_and_reopen()
    {
        var path = NewPath();
        StoreTicket last;
        await using (var store = FasterStateStore.Open(path, FasterTestOptions.Create()))
        {
            Assert.False(store.Recovery.FromCheckpoint);
            Assert.Equal(FasterFiles.FirstLogAddress, store.Recovery.LogEndPosition);
            for (var i = 0; i < 500; i++)
            {
                store.Put("run/" + i + "/state", Bytes("state " + i));
                store.Append("run/" + (i % 10) + "/history", Bytes("event " + i));
            }

            store.Delete("run/7/state");
            store.DeleteStream("run/9/history");
            last = store.LastTicket;
        }

        await using (var store = FasterStateStore.Open(path, FasterTestOptions.Create()))
        {
            Assert.True(store.Recovery.FromCheckpoint);
            Assert.Equal(0, store.Recovery.ReplayedEntries);
            Assert.False(store.Recovery.CheckpointedAtOpen);
            Assert.True(store.LastTicket >= last);
            Assert.Equal(499, store.Scan("run/").Count);
            Assert.False(store.TryGet("run/7/state", out _));
            Assert.True(store.TryGet("run/8/state", out var value));
            Assert.Equal("state 8", Text(value));
            Assert.Equal(50, store.GetStreamLength("run/3/history"));
            Assert.Equal("event 13", Text(store.Read("run/3/history", 1)[0].Data));
            Assert.Empty(store.Read("run/9/history"));

            var next = store.Put("after", Bytes("reopen"));
            Assert.True(next > last);
            Assert.Equal(0, store.Append("run/9/history", Bytes("again")));
        }
    }

    [Theory]
    [InlineData(StoreDurability.Batched)]
    [InlineData(StoreDurability.Immediate)]
    public async Task Durable_writes_survive_a_crash_and_the_log_is_replayed(StoreDurability durability)
    {
        var path = NewPath();
        var options = FasterTestOptions.Create(durability);
        var store = FasterStateStore.Open(path, options);
        for (var i = 0; i < 300; i++)
        {
            store.Put("k" + (i % 40), Bytes("v" + i));
            store.Append("s" + (i % 3), Bytes("e" + i));
            if (i % 30 == 0)
            {
                store.Delete("k" + (i % 40));
            }
        }

        await store.WaitDurableAsync(store.LastTicket);
        var expected = store.Scan("");
        var streams = Enumerable.Range(0, 3).Select(s => store.Read("s" + s).Select(e => Text(e.Data)).ToArray()).ToArray();
        await store.CrashAsync();

        await using (var reopened = FasterStateStore.Open(path, options))
        {
            Assert.True(reopened.Recovery.ReplayedEntries > 0);
            Assert.True(reopened.Recovery.CheckpointedAtOpen);
            Assert.Null(reopened.Recovery.CorruptEntryPosition);
            AssertSameRecords(expected, reopened.Scan(""));
            for (var s = 0; s < 3; s++)
            {
                Assert.Equal(streams[s], reopened.Read("s" + s).Select(e => Text(e.Data)));
            }
        }

        // The checkpoint taken at open (and the one at dispose) leave nothing to replay.
        await using (var again = FasterStateStore.Open(path, options))
        {
            Assert.Equal(0, again.Recovery.ReplayedEntries);
            AssertSameRecords(expected, again.Scan(""));
        }
    }

    [Fact]
    public async Task Background_checkpoints_truncate_the_log_and_a_crash_after_them_loses_nothing_durable()
    {
        var path = NewPath();
        var options = FasterTestOptions.Create(StoreDurability.Batched, checkpointLogBytes: 16 * 1024);
        var store = FasterStateStore.Open(path, options);
        for (var i = 0; i < 3000; i++)
        {
            store.Put("k" + (i % 100), Bytes("value " + i + new string('-', i % 50)));
            store.Append("history", Bytes("e" + i));
        }

        await store.WaitDurableAsync(store.LastTicket);

        // Maintenance runs in the background: wait (without a fixed sleep) until it has caught up.
        var statistics = store.GetStatistics();
        for (var polls = 0; polls < 1000 && statistics.LogBytes >= options.CheckpointLogBytes + options.PageSizeBytes; polls++)
        {
            await Task.Delay(10);
            statistics = store.GetStatistics();
        }

        Assert.True(statistics.Checkpoints > 0, "no background checkpoint ran");
        Assert.Null(statistics.LastMaintenanceError);
        Assert.True(statistics.LogBytes < options.CheckpointLogBytes + options.PageSizeBytes, "the log was not truncated: " + statistics.LogBytes);
        var expected = store.Scan("");
        await store.CrashAsync();

        await using var reopened = FasterStateStore.Open(path, options);
        Assert.True(reopened.Recovery.FromCheckpoint);
        AssertSameRecords(expected, reopened.Scan(""));
        Assert.Equal(3000, reopened.GetStreamLength("history"));
        Assert.Equal("e2999", Text(reopened.Read("history", 2999)[0].Data));
    }

    [Fact]
    public async Task A_checkpoint_ahead_of_the_log_is_a_prefix_and_later_writes_survive_the_next_crash()
    {
        // No background commits (None mode, a long flush interval), and maintenance that commits no
        // log: the checkpoint becomes durable, the log never does, as if the process died between.
        var path = NewPath();
        var lazy = new StateStoreOptions
        {
            Durability = StoreDurability.None,
            FlushInterval = TimeSpan.FromHours(1),
            PageSizeBytes = 64 * 1024,
            StateMemoryBytes = 1024 * 1024,
            LogMemoryBytes = 256 * 1024,
            SegmentSizeBytes = 256 * 1024,
            IndexSizeBytes = 64 * 1024,
        };
        var store = FasterStateStore.Open(path, lazy);
        for (var i = 0; i < 20; i++)
        {
            store.Put("before/" + i, Bytes("v" + i));
            store.Append("history", Bytes("e" + i));
        }

        store.SkipLogCommitsInMaintenance = true;
        await store.CompactAsync();
        store.Put("after-checkpoint", Bytes("never committed"));
        await store.CrashAsync();

        var options = FasterTestOptions.Create();
        await using (var reopened = FasterStateStore.Open(path, options))
        {
            Assert.True(reopened.Recovery.CheckpointPosition > reopened.Recovery.LogEndPosition);
            Assert.Equal(0, reopened.Recovery.ReplayedEntries);
            Assert.True(reopened.Recovery.CheckpointedAtOpen);
            Assert.Equal(20, reopened.Scan("before/").Count);
            Assert.Equal(20, reopened.GetStreamLength("history"));
            Assert.False(reopened.TryGet("after-checkpoint", out _));

            reopened.Put("new", Bytes("durable"));
            reopened.Append("history", Bytes("e20"));
            await reopened.WaitDurableAsync(reopened.LastTicket);
            await reopened.CrashAsync();
        }

        await using var again = FasterStateStore.Open(path, options);
        Assert.True(again.TryGet("new", out var value));
        Assert.Equal("durable", Text(value));
        Assert.Equal(20, again.Scan("before/").Count);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => "e" + i), again.Read("history").Select(e => Text(e.Data)));
    }

    [Fact]
    public async Task A_second_open_in_the_same_process_is_refused_until_the_first_is_disposed()
    {
        var path = NewPath();
        var first = FasterStateStore.Open(path, FasterTestOptions.Create());

        var refused = Assert.Throws<StateStoreInUseException>(() => FasterStateStore.Open(path, FasterTestOptions.Create()));
        Assert.Contains($"is in use by process {Environment.ProcessId}", refused.Message);
        Assert.Contains("dispose the other store", refused.Message);
        Assert.Equal(Environment.ProcessId, refused.OwnerProcessId);
        Assert.Equal(Path.GetFullPath(path), refused.DataDirectory);

        await first.DisposeAsync();
        await using var second = FasterStateStore.Open(path, FasterTestOptions.Create());
        Assert.Equal(Environment.ProcessId.ToString() + "\n", await ReadSharedAsync(Path.Combine(path, "LOCK")));
    }

    [Fact]
    public async Task A_damaged_log_entry_and_everything_after_it_are_never_applied()
    {
        var path = NewPath();
        var options = FasterTestOptions.Create();
        var store = FasterStateStore.Open(path, options);
        for (var i = 0; i < 40; i++)
        {
            store.Put("entry/" + i.ToString("D2"), Bytes("marker-" + i.ToString("D2") + "-payload"));
        }

        await store.WaitDurableAsync(store.LastTicket);
        await store.CrashAsync();

        // Flip one bit inside entry 30's value, in the log file.
        var marker = Encoding.UTF8.GetBytes("marker-30-payload");
        var flipped = false;
        foreach (var segment in Directory.GetFiles(Path.Combine(path, "wal"), "wal.log.*"))
        {
            var bytes = await File.ReadAllBytesAsync(segment);
            var at = bytes.AsSpan().IndexOf(marker);
            if (at >= 0)
            {
                bytes[at + 9] ^= 0x04;
                await File.WriteAllBytesAsync(segment, bytes);
                flipped = true;
            }
        }

        Assert.True(flipped, "entry 30 not found in the log");
        await using (var reopened = FasterStateStore.Open(path, options))
        {
            Assert.NotNull(reopened.Recovery.CorruptEntryPosition);
            Assert.Contains("hash", reopened.Recovery.CorruptionDescription);
            Assert.Equal(30, reopened.Recovery.ReplayedEntries);
            Assert.Equal(Enumerable.Range(0, 30).Select(i => "entry/" + i.ToString("D2")), reopened.Scan("entry/").Select(p => p.Key));
            reopened.Put("after-damage", Bytes("kept"));
            await reopened.WaitDurableAsync(reopened.LastTicket);
            await reopened.CrashAsync();
        }

        // The damaged region is behind the checkpoint taken at open: later writes are not lost behind it.
        await using var again = FasterStateStore.Open(path, options);
        Assert.Null(again.Recovery.CorruptEntryPosition);
        Assert.True(again.TryGet("after-damage", out var kept));
        Assert.Equal("kept", Text(kept));
        Assert.Equal(30, again.Scan("entry/").Count);
    }

    [Fact]
    public async Task A_value_larger_than_a_page_allows_is_refused()
    {
        await using var store = CreateStore();
        var options = FasterTestOptions.Create();
        store.Put("fits", new byte[options.MaxValueBytes]);

        var refused = Assert.Throws<ArgumentException>(() => store.Put("too-big", new byte[options.MaxValueBytes + 1]));
        Assert.Contains("PageSizeBytes", refused.Message);
        Assert.Throws<ArgumentException>(() => store.Append("s", new byte[options.MaxValueBytes + 1]));
        Assert.True(store.TryGet("fits", out var fits));
        Assert.Equal(options.MaxValueBytes, fits.Length);
    }

    [Fact]
    public async Task A_directory_of_another_format_is_refused()
    {
        var path = NewPath();
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "FORMAT"), "fastflow-state-store 2\npage-size-bytes 65536\nsegment-size-bytes 262144\n");

        var refused = Assert.Throws<StateStoreCorruptException>(() => FasterStateStore.Open(path, FasterTestOptions.Create()));
        Assert.Contains("format 2", refused.Message);

        // The lock was released when opening failed.
        File.Delete(Path.Combine(path, "FORMAT"));
        await using var store = FasterStateStore.Open(path, FasterTestOptions.Create());
    }

    [Fact]
    public async Task A_directory_is_opened_only_with_the_page_and_segment_sizes_it_was_created_with()
    {
        var path = NewPath();
        await (FasterStateStore.Open(path, FasterTestOptions.Create())).DisposeAsync();
        var options = FasterTestOptions.Create();

        var refused = Assert.Throws<ArgumentException>(() => FasterStateStore.Open(path, new StateStoreOptions
        {
            PageSizeBytes = options.PageSizeBytes * 2,
            SegmentSizeBytes = options.SegmentSizeBytes,
            StateMemoryBytes = options.StateMemoryBytes,
            LogMemoryBytes = options.LogMemoryBytes * 2,
        }));
        Assert.Contains("PageSizeBytes 65536", refused.Message);
        Assert.Throws<ArgumentException>(() => FasterStateStore.Open(path, new StateStoreOptions
        {
            PageSizeBytes = options.PageSizeBytes,
            SegmentSizeBytes = options.SegmentSizeBytes * 2,
        }));

        // Memory and index sizes may change.
        await using var store = FasterStateStore.Open(path, new StateStoreOptions
        {
            PageSizeBytes = options.PageSizeBytes,
            SegmentSizeBytes = options.SegmentSizeBytes,
            StateMemoryBytes = options.StateMemoryBytes * 2,
            IndexSizeBytes = options.IndexSizeBytes * 4,
        });
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_their_name()
    {
        var refused = Assert.Throws<ArgumentException>(() =>
            FasterStateStore.Open(NewPath(), new StateStoreOptions { PageSizeBytes = 5000 }));
        Assert.Contains("PageSizeBytes", refused.Message);
        Assert.Throws<ArgumentException>(() => FasterStateStore.Open(NewPath(), new StateStoreOptions { BatchWindow = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentException>(() => FasterStateStore.Open(NewPath(), new StateStoreOptions { StateMemoryBytes = 1024 * 1024 }));
    }

    private static void AssertSameRecords(IReadOnlyList<KeyValuePair<string, byte[]>> expected, IReadOnlyList<KeyValuePair<string, byte[]>> actual)
    {
        Assert.Equal(expected.Select(p => p.Key), actual.Select(p => p.Key));
        Assert.Equal(expected.Select(p => Text(p.Value)), actual.Select(p => Text(p.Value)));
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        // The store holds the file with FileShare.None; read it the way the lock reader does.
        await Task.Yield();
        return Encoding.ASCII.GetString(ReadLockFile(path));
    }

    private static byte[] ReadLockFile(string path)
    {
        var pid = FastFlow.Storage.Stores.Faster.LockFileReader.TryReadProcessId(path);
        return Encoding.ASCII.GetBytes(pid + "\n");
    }
}
