using System.Diagnostics;

namespace FastFlow.Bench.Shapes;

/// <summary>Measures one empty-task DAG on FastFlow and on the plain baseline in the same process:
/// construction, execution and allocation per task, the best of several interleaved rounds, so
/// that a moment of noise on a shared machine costs both sides alike and is then discarded.</summary>
public static class ShapeMeasurement
{
    private const int MinWarmupPasses = 2;
    private static readonly TimeSpan s_warmupTime = TimeSpan.FromMilliseconds(600);

    /// <summary>Measures <paramref name="shape"/> at <paramref name="size"/> (see <see cref="ShapeGraph.TaskCount"/>).</summary>
    /// <param name="shape">The DAG shape.</param>
    /// <param name="size">The shape's size argument.</param>
    /// <param name="workers">Engine worker threads.</param>
    /// <param name="rounds">Rounds; every figure is the best of them.</param>
    /// <param name="progress">Updated as rounds go; may be null.</param>
    /// <param name="body">What each FastFlow task runs; the empty body unless a test wants a
    /// heavier one (the performance gate's own tests make it allocate or spin).</param>
    public static ShapeReport Measure(DagShape shape, int size, int workers, int rounds, BenchProgress? progress = null, Action<TaskContext>? body = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        body ??= ShapeBuilder.Empty;
        var tasks = ShapeGraph.TaskCount(shape, size);
        progress?.Start(rounds * 3L);

        using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = workers });
        var baseline = new CounterExecutor(shape, size, static () => { });

        // Executions share one plan, as the runs of a definition do: the first run rents the
        // plan's state arrays. The warm-up goes on for a while because the JIT recompiles hot
        // code optimized only after ~100 ms of calls; rounds measured before that measure tier-0 code.
        progress?.Enter("warm-up");
        var compiled = engine.Compile(ShapeBuilder.Build(shape, size, body));
        var warmup = Stopwatch.StartNew();
        for (var pass = 0; pass < MinWarmupPasses || warmup.Elapsed < s_warmupTime; pass++)
        {
            _ = engine.Compile(ShapeBuilder.Build(shape, size, body));
            MeasuredRun.RunToCompletion(engine, compiled);
            baseline.Run();
        }

        double construct = double.MaxValue, execute = double.MaxValue, baselineExecute = double.MaxValue;
        var allocated = long.MaxValue;
        for (var round = 1; round <= rounds; round++)
        {
            progress?.Enter($"round {round}/{rounds}: construct");
            var watch = Stopwatch.StartNew();
            _ = engine.Compile(ShapeBuilder.Build(shape, size, body));
            construct = Math.Min(construct, PerTask(watch.Elapsed, tasks));
            progress?.Advance();

            progress?.Enter($"round {round}/{rounds}: execute");
            var before = GC.GetTotalAllocatedBytes(precise: true);
            watch.Restart();
            MeasuredRun.RunToCompletion(engine, compiled);
            var elapsed = watch.Elapsed;
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
            execute = Math.Min(execute, PerTask(elapsed, tasks));
            progress?.Advance();

            progress?.Enter($"round {round}/{rounds}: baseline");
            watch.Restart();
            baseline.Run();
            baselineExecute = Math.Min(baselineExecute, PerTask(watch.Elapsed, tasks));
            progress?.Advance();
        }

        return new ShapeReport(shape, tasks, workers, rounds, construct, execute, (double)allocated / tasks, baselineExecute);
    }

    private static double PerTask(TimeSpan elapsed, int tasks) => elapsed.TotalNanoseconds / tasks;
}
