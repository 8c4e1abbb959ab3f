using BenchmarkDotNet.Attributes;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Benchmarks.Durability;

/// <summary>Recovery of <see cref="Runs"/> in-flight runs (five-task runs whose first task was
/// under way): the store is opened on a fresh copy of a data directory an engine left with its runs
/// unfinished (the engine disposed, the store closed normally), then a new engine recovers them.
/// The baseline is the store's open alone; the other benchmark adds <see cref="FlowEngine.RecoverAsync"/>.
/// Each invocation needs its own copy, so there is one invocation per iteration.
/// The quick harness also measures 100,000 runs and a real kill:
/// dotnet run -c Release --project bench/FastFlow.Benchmarks -- durability --only recovery --crash both</summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1, 1)]
public class RecoveryBenchmarks
{
    private ScratchDirectory _image = null!;
    private ScratchDirectory? _work;
    private FasterStateStore? _store;
    private FlowEngine? _engine;

    [Params(10_000)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _image = new ScratchDirectory("recovery-image");
        var store = DurableFlows.OpenStore(_image.Path, StoreDurability.Batched);
        var engine = InFlightRuns.FillAsync(store, Runs).GetAwaiter().GetResult();
        engine.Dispose();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [IterationSetup]
    public void CopyImage()
    {
        _work = new ScratchDirectory("recovery");
        foreach (var file in Directory.EnumerateFiles(_image.Path, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_work.Path, Path.GetRelativePath(_image.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [IterationCleanup]
    public void Close()
    {
        _engine?.Dispose();
        _engine = null;
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store = null;
        _work?.Dispose();
        _work = null;
    }

    [Benchmark(Baseline = true)]
    public void StoreOpen() => _store = DurableFlows.OpenStore(_work!.Path, StoreDurability.Batched);

    [Benchmark]
    public async Task<int> StoreOpenAndRecoverAsync()
    {
        _store = DurableFlows.OpenStore(_work!.Path, StoreDurability.Batched);
        _engine = DurableFlows.CreateEngine(_store);
        InFlightRuns.RegisterHandlers(_engine, new System.Runtime.CompilerServices.StrongBox<int>());
        var report = await _engine.RecoverAsync();
        if (report.Resumed.Count != Runs)
        {
            throw new InvalidOperationException($"Recovery resumed {report.Resumed.Count:N0} of {Runs:N0} runs ({report.Failed.Count} failed).");
        }

        return report.Resumed.Count;
    }
}
