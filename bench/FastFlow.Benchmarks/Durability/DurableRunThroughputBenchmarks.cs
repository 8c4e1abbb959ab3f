using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Benchmarks.Durability;

/// <summary>Throughput of the five-task workflow with every transition journaled: one operation is
/// one run, measured inside batches of <see cref="RunsPerInvoke"/> runs with
/// <see cref="Concurrency"/> in flight (so group commit has writes to batch), on engines over a
/// FASTER store in each durability mode. The baseline is the same engine without a store. Each
/// run has 10 task transitions (task.started and task.completed of five tasks), so transitions/s
/// = 10 × 10⁹ / (ns per run). The FASTER engines keep 10,000 completed runs
/// (<see cref="FlowEngineOptions.RetainCompletedRuns"/>), so the data directories stay bounded
/// however long BenchmarkDotNet runs.
/// Quick look: dotnet run -c Release --project bench/FastFlow.Benchmarks -- durability --only throughput</summary>
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(10)]
public class DurableRunThroughputBenchmarks
{
    public const int RunsPerInvoke = 4096;
    public const int Concurrency = 256;

    private readonly List<(ScratchDirectory Directory, FasterStateStore Store)> _stores = [];
    private (FlowEngine Engine, CompiledWorkflow Compiled) _memory;
    private (FlowEngine Engine, CompiledWorkflow Compiled) _none;
    private (FlowEngine Engine, CompiledWorkflow Compiled) _batched;
    private (FlowEngine Engine, CompiledWorkflow Compiled) _immediate;

    [GlobalSetup]
    public void Setup()
    {
        _memory = Create(null);
        _none = Create(StoreDurability.None);
        _batched = Create(StoreDurability.Batched);
        _immediate = Create(StoreDurability.Immediate);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var engine in new[] { _memory.Engine, _none.Engine, _batched.Engine, _immediate.Engine })
        {
            engine.Dispose();
        }

        foreach (var (directory, store) in _stores)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            directory.Dispose();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RunsPerInvoke)]
    public Task NoStore() => DriveAsync(_memory);

    [Benchmark(OperationsPerInvoke = RunsPerInvoke)]
    public Task DurabilityNone() => DriveAsync(_none);

    [Benchmark(OperationsPerInvoke = RunsPerInvoke)]
    public Task DurabilityBatched() => DriveAsync(_batched);

    [Benchmark(OperationsPerInvoke = RunsPerInvoke)]
    public Task DurabilityImmediate() => DriveAsync(_immediate);

    private (FlowEngine, CompiledWorkflow) Create(StoreDurability? durability)
    {
        FasterStateStore? store = null;
        if (durability is { } mode)
        {
            var directory = new ScratchDirectory($"throughput-{mode}");
            store = DurableFlows.OpenStore(directory.Path, mode);
            _stores.Add((directory, store));
        }

        var engine = DurableFlows.CreateEngine(store, retainCompletedRuns: store is null ? null : 10_000);
        return (engine, DurableFlows.FiveTasks(engine));
    }

    private static Task DriveAsync((FlowEngine Engine, CompiledWorkflow Compiled) target)
    {
        var remaining = new StrongBox<int>(RunsPerInvoke);
        var loops = new Task[Concurrency];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = LoopAsync(target.Engine, target.Compiled, remaining);
        }

        return Task.WhenAll(loops);
    }

    /// <summary>One client: runs the workflow while runs are left, each awaited (the result is
    /// handed back once the run's end is durable).</summary>
    private static async Task LoopAsync(FlowEngine engine, CompiledWorkflow compiled, StrongBox<int> remaining)
    {
        // On the pool, so that one loop's synchronous part never delays the start of the next.
        await Task.Yield();
        while (Interlocked.Decrement(ref remaining.Value) >= 0)
        {
            var result = await engine.RunAsync(compiled);
            if (result.Status != RunStatus.Completed)
            {
                throw new InvalidOperationException($"A five-task run ended {result.Status.ToWireName()}: {result.Error?.Message}");
            }
        }
    }
}
