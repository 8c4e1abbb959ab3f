using System.Collections.Concurrent;
using System.Text;
using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>The contract of <see cref="IStateStore"/>: every implementation runs these tests.</summary>
public abstract class StateStoreContractTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>A new, empty store; the test disposes it.</summary>
    protected abstract IStateStore CreateStore(StoreDurability durability = StoreDurability.Batched);

    public static TheoryData<StoreDurability> Durabilities() =>
        [StoreDurability.None, StoreDurability.Batched, StoreDurability.Immediate];

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task A_record_reads_back_as_written_and_a_missing_one_is_absent()
    {
        await using var store = CreateStore();
        store.Put("run/1/state", Bytes("running"));

        Assert.True(store.TryGet("run/1/state", out var value));
        Assert.Equal("running", Text(value));
        Assert.False(store.TryGet("run/2/state", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public async Task Put_replaces_a_value_with_a_longer_shorter_or_empty_one()
    {
        await using var store = CreateStore();
        store.Put("k", Bytes("medium value"));
        store.Put("k", Bytes(new string('x', 5000)));
        Assert.True(store.TryGet("k", out var longer));
        Assert.Equal(5000, longer.Length);

        store.Put("k", Bytes("s"));
        Assert.True(store.TryGet("k", out var shorter));
        Assert.Equal("s", Text(shorter));

        store.Put("k", ReadOnlySpan<byte>.Empty);
        Assert.True(store.TryGet("k", out var empty));
        Assert.Empty(empty);
    }

    [Fact]
    public async Task Delete_says_whether_the_record_existed()
    {
        await using var store = CreateStore();
        store.Put("timer/r1/t1", Bytes("10:00"));

        Assert.True(store.Delete("timer/r1/t1"));
        Assert.False(store.TryGet("timer/r1/t1", out _));
        Assert.False(store.Delete("timer/r1/t1"));
        Assert.False(store.Delete("never-written"));

        store.Put("timer/r1/t1", Bytes("again"));
        Assert.True(store.TryGet("timer/r1/t1", out var again));
        Assert.Equal("again", Text(again));
    }

    [Fact]
    public async Task A_delete_of_nothing_returns_the_last_ticket()
    {
        await using var store = CreateStore();
        var put = store.Put("a", Bytes("1"));

        Assert.False(store.Delete("b", out var ticket));
        Assert.Equal(put, ticket);
        Assert.Equal(put, store.LastTicket);
    }

    [Fact]
    public async Task Scan_returns_the_records_of_a_prefix_in_ordinal_order()
    {
        await using var store = CreateStore();
        string[] keys =
        [
            "run/2/state", "run/10/state", "run/1/state", "run/1/checkpoint/0", "run/1/checkpoint/10",
            "run/1/checkpoint/9", "Run/upper", "run", "run0", "def/wf/1", "run/é", "run/\uFFFF", "run/\uD83D\uDE00",
            "run/Z", "run/a", "run/",
        ];
        foreach (var key in keys)
        {
            store.Put(key, Bytes("value of " + key));
        }

        var scanned = store.Scan("run/");

        var expected = keys.Where(k => k.StartsWith("run/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, scanned.Select(p => p.Key).ToArray());
        Assert.All(scanned, pair => Assert.Equal("value of " + pair.Key, Text(pair.Value)));
        Assert.Equal(keys.Order(StringComparer.Ordinal), store.Scan("").Select(p => p.Key));
        Assert.Equal(["run/1/checkpoint/0", "run/1/checkpoint/10", "run/1/checkpoint/9"],
            store.Scan("run/1/checkpoint/").Select(p => p.Key));
        Assert.Equal(["run/\uFFFF"], store.Scan("run/\uFFFF").Select(p => p.Key));
        Assert.Empty(store.Scan("zzz"));
        Assert.Empty(store.Scan("run/1/checkpoint/0/"));
    }

    [Fact]
    public async Task Scan_leaves_out_deleted_records()
    {
        await using var store = CreateStore();
        store.Put("p/1", Bytes("1"));
        store.Put("p/2", Bytes("2"));
        store.Put("p/3", Bytes("3"));
        store.Delete("p/2");

        Assert.Equal(["p/1", "p/3"], store.Scan("p/").Select(p => p.Key));
    }

    [Fact]
    public async Task Appends_are_numbered_from_zero_and_read_back_in_order()
    {
        await using var store = CreateStore();
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(i, store.Append("run/7/history", Bytes("event " + i)));
        }

        var all = store.Read("run/7/history");
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => "event " + i), all.Select(e => Text(e.Data)));

        var tail = store.Read("run/7/history", 20);
        Assert.Equal([20L, 21, 22, 23, 24], tail.Select(e => e.Sequence));
        Assert.Empty(store.Read("run/7/history", 25));
        Assert.Empty(store.Read("run/7/history", long.MaxValue));
        Assert.Empty(store.Read("no-such-stream"));
        Assert.Equal(25, store.GetStreamLength("run/7/history"));
        Assert.Equal(0, store.GetStreamLength("no-such-stream"));
    }

    [Fact]
    public async Task Empty_entries_are_entries()
    {
        await using var store = CreateStore();
        Assert.Equal(0, store.Append("s", ReadOnlySpan<byte>.Empty));
        Assert.Equal(1, store.Append("s", Bytes("x")));

        var entries = store.Read("s");
        Assert.Empty(entries[0].Data);
        Assert.Equal("x", Text(entries[1].Data));
    }

    [Fact]
    public async Task DeleteStream_removes_every_entry_and_the_stream_starts_again_at_zero()
    {
        await using var store = CreateStore();
        for (var i = 0; i < 10; i++)
        {
            store.Append("run/3/history", Bytes("old " + i));
        }

        store.Append("run/4/history", Bytes("other"));
        var before = store.LastTicket;
        var ticket = store.DeleteStream("run/3/history");

        Assert.True(ticket > before);
        Assert.Empty(store.Read("run/3/history"));
        Assert.Equal(0, store.GetStreamLength("run/3/history"));
        Assert.Single(store.Read("run/4/history"));
        Assert.Equal(0, store.Append("run/3/history", Bytes("new 0")));
        Assert.Equal(["new 0"], store.Read("run/3/history").Select(e => Text(e.Data)));
        Assert.Equal(store.LastTicket, store.DeleteStream("never-appended"));
    }

    [Fact]
    public async Task Records_and_streams_are_separate_namespaces()
    {
        await using var store = CreateStore();
        store.Put("x", Bytes("record"));
        store.Append("x", Bytes("entry"));
        store.DeleteStream("x");

        Assert.True(store.TryGet("x", out var record));
        Assert.Equal("record", Text(record));
        store.Append("x", Bytes("entry"));
        store.Delete("x");
        Assert.Single(store.Read("x"));
        Assert.Empty(store.Scan(""));
    }

    [Fact]
    public async Task Every_write_returns_a_later_ticket_and_LastTicket_follows()
    {
        await using var store = CreateStore();
        var start = store.LastTicket;
        await store.WaitDurableAsync(start);

        var tickets = new List<StoreTicket>
        {
            store.Put("a", Bytes("1")),
            store.Put("a", Bytes("2")),
        };
        store.Append("s", Bytes("e"), out var appended);
        tickets.Add(appended);
        store.Delete("a", out var deleted);
        tickets.Add(deleted);
        tickets.Add(store.DeleteStream("s"));

        Assert.Equal(tickets.Order(), tickets);
        Assert.Equal(tickets.Count, tickets.Distinct().Count());
        Assert.True(tickets[0] > start);
        Assert.Equal(tickets[^1], store.LastTicket);
    }

    [Theory]
    [MemberData(nameof(Durabilities))]
    public async Task WaitDurableAsync_completes_in_every_mode(StoreDurability durability)
    {
        await using var store = CreateStore(durability);
        Assert.Equal(durability, store.Durability);
        await store.WaitDurableAsync(StoreTicket.None).AsTask().WaitAsync(s_timeout);

        var first = store.Put("a", Bytes("1"));
        await store.WaitDurableAsync(first).AsTask().WaitAsync(s_timeout);

        // Many waiters at once, on tickets written by many threads.
        var waits = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var ticket = store.Put("k" + i, Bytes("v" + i));
            await store.WaitDurableAsync(ticket);
            return ticket;
        }))).WaitAsync(s_timeout);
        Assert.Equal(16, waits.Distinct().Count());

        await store.WaitDurableAsync(store.LastTicket).AsTask().WaitAsync(s_timeout);
        await store.CompactAsync().AsTask().WaitAsync(s_timeout);
        Assert.Equal(store.LastTicket, store.GetStatistics().DurableTicket);
    }

    [Fact]
    public async Task WaitDurableAsync_refuses_a_ticket_from_the_future()
    {
        await using var store = CreateStore();
        var ticket = store.Put("a", Bytes("1"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
            await store.WaitDurableAsync(new StoreTicket(ticket.Position + 1_000_000)));
    }

    [Fact]
    public async Task Values_are_copied_in_and_out()
    {
        await using var store = CreateStore();
        var input = Bytes("original");
        store.Put("k", input);
        store.Append("s", input);
        input[0] = (byte)'X';

        Assert.True(store.TryGet("k", out var first));
        first[1] = (byte)'Y';
        store.Read("s")[0].Data[1] = (byte)'Y';
        store.Scan("k")[0].Value[1] = (byte)'Y';

        Assert.True(store.TryGet("k", out var second));
        Assert.Equal("original", Text(second));
        Assert.Equal("original", Text(store.Read("s")[0].Data));
    }

    [Fact]
    public async Task Keys_and_stream_names_are_checked()
    {
        await using var store = CreateStore();
        Assert.Throws<ArgumentNullException>(() => store.Put(null!, Bytes("v")));
        Assert.Throws<ArgumentException>(() => store.Put("", Bytes("v")));
        Assert.Throws<ArgumentException>(() => store.Put(new string('k', StoreLimits.MaxKeyBytes + 1), Bytes("v")));
        Assert.Throws<ArgumentException>(() => store.Put(new string('é', StoreLimits.MaxKeyBytes / 2 + 1), Bytes("v")));
        Assert.Throws<ArgumentException>(() => store.Put("lone \uD800 surrogate", Bytes("v")));
        Assert.Throws<ArgumentException>(() => store.TryGet("", out _));
        Assert.Throws<ArgumentException>(() => store.Append("", Bytes("v")));
        Assert.Throws<ArgumentNullException>(() => store.Read(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Read("s", -1));
        Assert.Throws<ArgumentNullException>(() => store.Scan(null!));

        var longest = new string('é', StoreLimits.MaxKeyBytes / 2);
        store.Put(longest, Bytes("v"));
        store.Append(longest, Bytes("e"));
        Assert.True(store.TryGet(longest, out _));
        Assert.Single(store.Read(longest));
        Assert.Equal(0, store.LastTicket.CompareTo(store.LastTicket));
    }

    [Fact]
    public async Task A_disposed_store_refuses_work_and_disposes_twice_quietly()
    {
        var store = CreateStore();
        store.Put("a", Bytes("1"));
        await store.DisposeAsync();
        await store.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => store.Put("a", Bytes("2")));
        Assert.Throws<ObjectDisposedException>(() => store.TryGet("a", out _));
        Assert.Throws<ObjectDisposedException>(() => store.Read("s"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.CompactAsync());
    }

    [Fact]
    public async Task Statistics_count_records_streams_and_entries()
    {
        await using var store = CreateStore();
        store.Put("a", Bytes("1"));
        store.Put("b", Bytes("2"));
        store.Put("a", Bytes("3"));
        store.Append("s1", Bytes("e"));
        store.Append("s1", Bytes("e"));
        store.Append("s2", Bytes("e"));
        store.DeleteStream("s2");

        var statistics = store.GetStatistics();
        Assert.Equal(2, statistics.RecordCount);
        Assert.Equal(1, statistics.StreamCount);
        Assert.Equal(2, statistics.StreamEntryCount);
        Assert.Equal(store.LastTicket, statistics.LastTicket);
    }

    [Fact]
    public async Task Many_threads_appending_to_many_streams_lose_and_reorder_nothing()
    {
        const int threads = 8;
        const int streams = 6;
        const int appendsPerThread = 400;
        await using var store = CreateStore();
        var returned = new ConcurrentBag<(string Stream, long Sequence)>();
        var tickets = new ConcurrentBag<long[]>();

        await Task.WhenAll(Enumerable.Range(0, threads).Select(thread => Task.Run(() =>
        {
            var mine = new long[appendsPerThread];
            for (var i = 0; i < appendsPerThread; i++)
            {
                var stream = "run/" + ((thread + i) % streams) + "/history";
                var sequence = store.Append(stream, Bytes(thread + ":" + i), out var ticket);
                returned.Add((stream, sequence));
                mine[i] = ticket.Position;
                if (i % 50 == 0)
                {
                    // Reads while others write see a consistent prefix.
                    var read = store.Read(stream);
                    Assert.Equal(Enumerable.Range(0, read.Count).Select(n => (long)n), read.Select(e => e.Sequence));
                }
            }

            tickets.Add(mine);
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        var seen = new HashSet<string>();
        var total = 0;
        for (var s = 0; s < streams; s++)
        {
            var stream = "run/" + s + "/history";
            var entries = store.Read(stream);
            total += entries.Count;
            Assert.Equal(Enumerable.Range(0, entries.Count).Select(n => (long)n), entries.Select(e => e.Sequence));
            var lastByThread = new Dictionary<int, int>();
            foreach (var entry in entries)
            {
                var text = Text(entry.Data);
                Assert.True(seen.Add(text), "duplicate entry " + text);
                var parts = text.Split(':');
                var (thread, i) = (int.Parse(parts[0]), int.Parse(parts[1]));
                Assert.Equal(stream, "run/" + ((thread + i) % streams) + "/history");
                Assert.True(!lastByThread.TryGetValue(thread, out var previous) || previous < i, "entries of one thread out of order in " + stream);
                lastByThread[thread] = i;
            }
        }

        Assert.Equal(threads * appendsPerThread, total);
        Assert.Equal(total, returned.Distinct().Count());
        Assert.All(tickets, mine => Assert.Equal(mine.Order(), mine));
        Assert.Equal(threads * appendsPerThread, tickets.SelectMany(t => t).Distinct().Count());
    }

    [Fact]
    public async Task Readers_running_beside_writers_see_only_written_values()
    {
        await using var store = CreateStore();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var key = "run/" + (i % 20) + "/state";
                store.Put(key, Bytes(key + "@" + w + ":" + i + new string('.', i % 97)));
                if (i % 7 == 0)
                {
                    store.Delete(key);
                }
            }
        })).ToArray();
        // Readers spin until the writers are done: on threads of their own, so that they cannot
        // keep the writers' tasks from the thread pool.
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                foreach (var (key, value) in store.Scan("run/"))
                {
                    Assert.StartsWith(key + "@", Text(value));
                }

                if (store.TryGet("run/3/state", out var one))
                {
                    Assert.StartsWith("run/3/state@", Text(one));
                }

                reads++;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(store.Scan("run/"), pair => Assert.StartsWith(pair.Key + "@", Text(pair.Value)));
    }
}
