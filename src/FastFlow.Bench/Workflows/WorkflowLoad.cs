using System.Diagnostics;
using HdrHistogram;

namespace FastFlow.Bench.Workflows;

/// <summary>Runs one compiled definition many times, <c>concurrency</c> runs in flight at once,
/// and measures throughput and the latency of every run from submit to end into one
/// concurrent HdrHistogram: bounded memory however many runs, three significant digits.</summary>
public static class WorkflowLoad
{
    /// <summary>Latencies up to an hour are recorded, to three significant digits.</summary>
    private static readonly long s_highestNanoseconds = (long)TimeSpan.FromHours(1).TotalNanoseconds;

    /// <summary>Runs <paramref name="warmupRuns"/> unmeasured runs, then <paramref name="runs"/> measured ones.</summary>
    /// <param name="engine">The engine to run on.</param>
    /// <param name="workflow">A definition compiled by <paramref name="engine"/>.</param>
    /// <param name="inputs">The inputs of every run.</param>
    /// <param name="runs">Measured runs.</param>
    /// <param name="warmupRuns">Runs made first, not measured: they JIT-compile the path and fill pools.</param>
    /// <param name="concurrency">Runs in flight at once.</param>
    /// <param name="durability">The durability mode, as reported.</param>
    /// <param name="progress">Counts finished measured runs; may be null.</param>
    /// <param name="cancellationToken">Stops submitting and stops waiting.</param>
    public static async Task<WorkflowLoadReport> RunAsync(
        FlowEngine engine,
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs,
        int runs,
        int warmupRuns,
        int concurrency,
        string durability = "none",
        BenchProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupRuns);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);

        if (warmupRuns > 0)
        {
            progress?.Enter("warm-up");
            await Drive(engine, workflow, inputs, new Counter(warmupRuns), Math.Min(concurrency, warmupRuns), null, null, cancellationToken).ConfigureAwait(false);
        }

        progress?.Start(runs);
        progress?.Enter("measuring");
        var loops = Math.Min(concurrency, runs);
        var counter = new Counter(runs);
        var latencies = new LongConcurrentHistogram(1, s_highestNanoseconds, 3);
        var watch = Stopwatch.StartNew();
        var outcomes = await Drive(engine, workflow, inputs, counter, loops, latencies, progress, cancellationToken).ConfigureAwait(false);
        var elapsed = watch.Elapsed;

        int completed = 0, failed = 0, cancelled = 0;
        foreach (var outcome in outcomes)
        {
            completed += outcome.Completed;
            failed += outcome.Failed;
            cancelled += outcome.Cancelled;
        }

        return new WorkflowLoadReport(
            workflow.Definition.Id,
            runs,
            warmupRuns,
            loops,
            engine.Options.WorkerCount,
            durability,
            completed,
            failed,
            cancelled,
            elapsed,
            Summarize(latencies));
    }

    private static LatencySummary Summarize(HistogramBase histogram) => new(
        histogram.GetMean() / 1000,
        histogram.GetValueAtPercentile(50) / 1000.0,
        histogram.GetValueAtPercentile(90) / 1000.0,
        histogram.GetValueAtPercentile(99) / 1000.0,
        histogram.GetMaxValue() / 1000.0);

    private static Task<LoopOutcome[]> Drive(
        FlowEngine engine,
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs,
        Counter counter,
        int loops,
        HistogramBase? latencies,
        BenchProgress? progress,
        CancellationToken cancellationToken)
    {
        var tasks = new Task<LoopOutcome>[loops];
        for (var i = 0; i < loops; i++)
        {
            tasks[i] = Loop(engine, workflow, inputs, counter, latencies, progress, cancellationToken);
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>One client: takes the next run number while any is left, runs it, records its latency.</summary>
    private static async Task<LoopOutcome> Loop(
        FlowEngine engine,
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs,
        Counter counter,
        HistogramBase? latencies,
        BenchProgress? progress,
        CancellationToken cancellationToken)
    {
        // Start every loop on the pool, so that one loop's synchronous part never delays the next.
        await Task.Yield();
        var outcome = new LoopOutcome();
        while (counter.TryTake())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            var result = await engine.RunAsync(workflow, inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
            latencies?.RecordValue(Math.Min((long)Stopwatch.GetElapsedTime(start).TotalNanoseconds, s_highestNanoseconds));
            switch (result.Status)
            {
                case RunStatus.Completed:
                    outcome.Completed++;
                    break;
                case RunStatus.Failed:
                    outcome.Failed++;
                    break;
                default:
                    outcome.Cancelled++;
                    break;
            }

            progress?.Advance();
        }

        return outcome;
    }

    /// <summary>Run numbers handed out to the loops.</summary>
    private sealed class Counter(int total)
    {
        private int _taken;

        public bool TryTake() => Interlocked.Increment(ref _taken) <= total;
    }

    private sealed class LoopOutcome
    {
        public int Completed { get; set; }

        public int Failed { get; set; }

        public int Cancelled { get; set; }
    }
}
