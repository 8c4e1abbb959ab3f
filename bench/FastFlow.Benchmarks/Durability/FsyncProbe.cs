using System.Diagnostics;
using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;
using HdrHistogram;

namespace FastFlow.Benchmarks.Durability;

/// <summary>What one durable write costs on this disk: a bare append + fsync (the floor any
/// durable store pays per acknowledgement), and one history entry appended through the run
/// records and acknowledged by a FASTER store in <see cref="StoreDurability.Immediate"/> mode.</summary>
internal static class FsyncProbe
{
    /// <summary>Appends <paramref name="bytes"/> bytes to a file and calls fsync
    /// (<see cref="FileStream.Flush(bool)"/> with true), <paramref name="count"/> times; nanoseconds.</summary>
    public static LongHistogram AppendAndFsync(string directory, int count, int bytes = 100)
    {
        var histogram = NewHistogram();
        var payload = new byte[bytes];
        Random.Shared.NextBytes(payload);
        using var stream = new FileStream(Path.Combine(directory, "fsync-probe.bin"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        for (var i = -Math.Min(50, count); i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            stream.Write(payload);
            stream.Flush(flushToDisk: true);
            if (i >= 0)
            {
                histogram.RecordValue(ElapsedNanoseconds(start));
            }
        }

        return histogram;
    }

    /// <summary>One writer: <see cref="RunStore.AppendHistory"/> of a task.completed-like entry,
    /// then <see cref="IStateStore.WaitDurableAsync"/> for its ticket; nanoseconds.</summary>
    public static async Task<LongHistogram> DurableHistoryAppend(IStateStore store, int count)
    {
        var histogram = NewHistogram();
        var records = new RunStore(store);
        var entry = new HistoryEntry
        {
            At = DateTime.UtcNow,
            Type = "task.completed",
            TaskId = "transform_a",
            Attempt = 1,
            Actor = "engine",
            Status = "completed",
        };
        for (var i = -Math.Min(50, count); i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            records.AppendHistory("probe-run", entry, out var ticket);
            await store.WaitDurableAsync(ticket);
            if (i >= 0)
            {
                histogram.RecordValue(ElapsedNanoseconds(start));
            }
        }

        return histogram;
    }

    public static LongHistogram NewHistogram() => new(1, (long)TimeSpan.FromMinutes(10).TotalNanoseconds, 3);

    public static long ElapsedNanoseconds(long start) => (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;

    /// <summary>min / p50 / p99 / max of a histogram of nanoseconds, in microseconds.</summary>
    public static string Summary(HistogramBase histogram) =>
        $"min {histogram.GetValueAtPercentile(0) / 1000.0,7:N1} µs  p50 {histogram.GetValueAtPercentile(50) / 1000.0,9:N1} µs  p99 {histogram.GetValueAtPercentile(99) / 1000.0,9:N1} µs  max {histogram.GetMaxValue() / 1000.0,9:N1} µs  (n={histogram.TotalCount:N0})";
}
