using BenchmarkDotNet.Attributes;
using FastFlow.Bench.Workflows;

namespace FastFlow.Benchmarks.Engine;

/// <summary>One run of a five-task workflow of no-op handlers, submitted and awaited in-process
/// (target ≤ 10 µs): extract → (transform_a, transform_b) → merge → load. The baseline is the
/// same graph written by hand with Task.Run and await — what the engine replaces. By default the
/// awaiting code resumes on the thread pool (see <see cref="FlowEngineOptions.AllowSynchronousContinuations"/>),
/// so the three FastFlow variants show what that hop costs.</summary>
[MemoryDiagnoser]
public class FiveTaskRunBenchmarks
{
    private static readonly Action s_noop = static () => { };
    private FlowEngine _engine = null!;
    private FlowEngine _inlineEngine = null!;
    private CompiledWorkflow _compiled = null!;
    private CompiledWorkflow _inlineCompiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        _inlineEngine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2, AllowSynchronousContinuations = true });
        var definition = FiveTaskWorkflow.Build();
        _compiled = _engine.Compile(definition);
        _inlineCompiled = _inlineEngine.Compile(definition);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _inlineEngine.Dispose();
    }

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

    /// <summary>The same, with <see cref="FlowEngineOptions.AllowSynchronousContinuations"/>: the
    /// awaiting code resumes on the worker that finished the run instead of hopping to the pool.</summary>
    [Benchmark]
    public async Task<RunStatus> FastFlowRunSynchronousContinuations()
    {
        var result = await _inlineEngine.RunAsync(_inlineCompiled).ConfigureAwait(false);
        return result.Status;
    }

    /// <summary>The same run awaited by blocking the calling thread, as a console program's
    /// <c>Main</c> or a test might: no continuation to schedule at all.</summary>
    [Benchmark]
    public RunStatus FastFlowRunBlocking() => _engine.RunAsync(_compiled).AsTask().GetAwaiter().GetResult().Status;
}
