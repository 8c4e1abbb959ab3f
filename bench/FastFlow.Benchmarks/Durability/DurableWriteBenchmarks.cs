using BenchmarkDotNet.Attributes;
using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Benchmarks.Durability;

/// <summary>One durably acknowledged transition against the disk's floor: the baseline appends
/// 100 bytes to a file and calls fsync (what any durable write pays), the other appends one history
/// entry through the run records to a FASTER store in <see cref="StoreDurability.Immediate"/> mode
/// and waits until it is durable. Target (issue #3): the ratio ≤ 1.5.</summary>
[MemoryDiagnoser]
// Means suffer from the disk's tail (an fsync now and then takes milliseconds); the median is the figure to compare.
[MedianColumn]
[WarmupCount(3)]
[IterationCount(10)]
public class DurableWriteBenchmarks
{
    private readonly byte[] _payload = new byte[100];
    private readonly HistoryEntry _entry = new()
    {
        At = DateTime.UtcNow,
        Type = "task.completed",
        TaskId = "transform_a",
        Attempt = 1,
        Actor = "engine",
        Status = "completed",
    };

    private ScratchDirectory _directory = null!;
    private FileStream _file = null!;
    private FasterStateStore _store = null!;
    private RunStore _records = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = new ScratchDirectory("durable-write");
        _file = new FileStream(Path.Combine(_directory.Path, "fsync.bin"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        _store = DurableFlows.OpenStore(Path.Combine(_directory.Path, "store"), StoreDurability.Immediate);
        _records = new RunStore(_store);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void AppendAndFsync()
    {
        _file.Write(_payload);
        _file.Flush(flushToDisk: true);
    }

    [Benchmark]
    public async Task HistoryEntryImmediate()
    {
        _records.AppendHistory("bench-run", _entry, out var ticket);
        await _store.WaitDurableAsync(ticket);
    }
}
