using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;
using Xunit.Abstractions;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>Disk use stays bounded when data is written and deleted over and over: the log is
/// truncated after checkpoints and the state log compacted, and FASTER deletes whole segment files.</summary>
public sealed class DiskUsageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Disk_use_stops_growing_when_runs_are_written_and_deleted_over_and_over()
    {
        using var directory = new TestDirectory();
        var options = new StateStoreOptions
        {
            PageSizeBytes = 16 * 1024,
            StateMemoryBytes = 256 * 1024,
            LogMemoryBytes = 64 * 1024,
            SegmentSizeBytes = 64 * 1024,
            IndexSizeBytes = 64 * 1024,
            CheckpointLogBytes = 64 * 1024,
            CompactionMinimumBytes = 128 * 1024,
        };
        const int rounds = 24;
        var value = new byte[200];
        var sizes = new long[rounds];
        var written = 0L;
        await using (var store = FasterStateStore.Open(directory.Path, options))
        {
            for (var round = 0; round < rounds; round++)
            {
                // A "run" of 400 records and 200 history entries; the run before it is deleted.
                for (var i = 0; i < 400; i++)
                {
                    value[0] = (byte)i;
                    store.Put($"run/{round}/task/{i}", value);
                    written += value.Length;
                }

                for (var i = 0; i < 200; i++)
                {
                    store.Append($"run/{round}/history", value);
                    written += value.Length;
                }

                if (round > 0)
                {
                    foreach (var (key, _) in store.Scan($"run/{round - 1}/"))
                    {
                        store.Delete(key);
                    }

                    store.DeleteStream($"run/{round - 1}/history");
                }

                await store.CompactAsync();
                sizes[round] = directory.Size();
                var statistics = store.GetStatistics();
                output.WriteLine($"round {round,2}: {sizes[round] / 1024,5} KiB on disk, log {statistics.LogBytes / 1024} KiB, state log {statistics.StateLogBytes / 1024} KiB, {written / 1024} KiB written so far");
            }

            Assert.Equal(400, store.Scan("").Count);
            Assert.Equal(200, store.GetStreamLength($"run/{rounds - 1}/history"));
        }

        // Growth stops: the second half of the rounds uses about what the first half did, and far
        // less than everything written. The slack is for FASTER deleting truncated segment files in
        // the background, so a measure may still count a few.
        var firstHalf = sizes.Take(rounds / 2).Max();
        var secondHalf = sizes.Skip(rounds / 2).Max();
        Assert.True(secondHalf <= firstHalf * 3 / 2 + 2 * options.SegmentSizeBytes,
            $"disk use still grows: {firstHalf / 1024} KiB at most in the first {rounds / 2} rounds, {secondHalf / 1024} KiB in the others");
        Assert.True(secondHalf < written / 3, $"{secondHalf / 1024} KiB on disk for {written / 1024} KiB written");
    }
}
