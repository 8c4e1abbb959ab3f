using BenchmarkDotNet.Attributes;
using FastFlow.Definitions;

namespace FastFlow.Benchmarks.Engine;

/// <summary>One run of a five-task workflow of no-op handlers, submitted and awaited in-process
/// (target ≤ 10 µs): extract → (transform_a, transform_b) → merge → load. The baseline is the
/// same graph written by hand with Task.Run and await — what the engine replaces.</summary>
[MemoryDiagnoser]
public class FiveTaskRunBenchmarks
{
    private static readonly Action s_noop = static () => { };
    private FlowEngine _engine = null!;
    private CompiledWorkflow _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var flow = new WorkflowBuilder("five-tasks");
        Action<TaskContext> noop = static _ => { };
        var extract = flow.Task("extract", noop);
        var transformA = flow.Task("transform_a", noop).DependsOn(extract);
        var transformB = flow.Task("transform_b", noop).DependsOn(extract);
        var merge = flow.Task("merge", noop).DependsOn(transformA, transformB);
        flow.Task("load", noop).DependsOn(merge);
        _compiled = _engine.Compile(flow.Build());
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true)]
    public async Task HandWrittenTasks()
    {
        await Task.Run(s_noop).ConfigureAwait(false);
        await Task.WhenAll(Task.Run(s_noop), Task.Run(s_noop)).ConfigureAwait(false);
        await Task.Run(s_noop).ConfigureAwait(false);
        await Task.Run(s_noop).ConfigureAwait(false);
    }

    [Benchmark]
    public async Task<RunStatus> FastFlowRun()
    {
        var result = await _engine.RunAsync(_compiled).ConfigureAwait(false);
        return result.Status;
    }
}
