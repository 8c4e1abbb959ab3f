using BenchmarkDotNet.Attributes;
using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;

namespace FastFlow.Benchmarks.Durability;

/// <summary><see cref="FlowEngine.CheckpointAsync"/> of an active 100-task run (59 tasks completed
/// with outputs, one under way, 40 pending), per checkpoint level. With
/// <see cref="StoreDurability.None"/> the figure is the checkpoint's work and writes alone; with
/// <see cref="StoreDurability.Batched"/> it is the durable acknowledgement, group commit window
/// (2 ms) included. The baseline writes the same bytes the checkpoint stored with one
/// <see cref="IStateStore.Put"/> and waits for them the same way: the floor of any checkpoint of
/// that size in this store. Every iteration checkpoints a fresh batch of runs, one checkpoint per
/// run per invocation, so the history a comprehensive checkpoint copies does not grow with the
/// number of checkpoints taken.
/// Quick look: dotnet run -c Release --project bench/FastFlow.Benchmarks -- durability --only checkpoint</summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(RunsPerIteration, 1)]
public class CheckpointBenchmarks
{
    public const int RunsPerIteration = 100;

    private CheckpointPool _pool = null!;
    private string[] _runIds = [];
    private byte[] _sameBytes = [];
    private int _next;

    [Params(CheckpointLevel.Minimal, CheckpointLevel.Standard, CheckpointLevel.Comprehensive, CheckpointLevel.Debug)]
    public CheckpointLevel Level { get; set; }

    [Params(StoreDurability.None, StoreDurability.Batched)]
    public StoreDurability Durability { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pool = new CheckpointPool(Durability, Level);
        // One warm-up iteration is not enough for the tiered JIT here (see WarmUpAsync).
        _pool.WarmUpAsync().GetAwaiter().GetResult();
        _pool.StartBatch(1);
        var id = _pool.RunIds[0];
        _pool.Engine.CheckpointAsync(id).AsTask().GetAwaiter().GetResult();
        _sameBytes = _pool.LatestCheckpointBytes(id);
    }

    [GlobalCleanup]
    public void Cleanup() => _pool.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void StartBatch()
    {
        _pool.StartBatch(RunsPerIteration);
        _runIds = [.. _pool.RunIds];
        _next = 0;
    }

    [Benchmark(Baseline = true)]
    public async Task StorePutOfTheSameBytes()
    {
        var ticket = _pool.Store.Put($"bench/{_next++ % 16}", _sameBytes);
        await _pool.Store.WaitDurableAsync(ticket);
    }

    [Benchmark]
    public async Task<long> Checkpoint() => await _pool.Engine.CheckpointAsync(_runIds[_next++ % _runIds.Length]);
}
