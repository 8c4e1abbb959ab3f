using FastFlow.Bench.Workflows;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Benchmarks.Durability;

/// <summary>The five-task workflow run many times, <c>concurrency</c> runs in flight, on an engine
/// without a store and on engines over a FASTER store in each durability mode.</summary>
internal static class QuickThroughput
{
    /// <summary>One configuration to measure.</summary>
    public sealed record Mode(string Name, StoreDurability? Durability, int? RetainCompletedRuns = null, TimeSpan? FlushInterval = null);

    public static readonly Mode[] Modes =
    [
        new("no store (baseline)", null),
        new("FASTER, none", StoreDurability.None),
        new("FASTER, none, flush every 2 ms", StoreDurability.None, FlushInterval: TimeSpan.FromMilliseconds(2)),
        new("FASTER, batched", StoreDurability.Batched),
        new("FASTER, immediate", StoreDurability.Immediate),
        new("FASTER, batched, retain 10,000", StoreDurability.Batched, 10_000),
    ];

    public static async Task RunAsync(int runs, int concurrency, IReadOnlyList<Mode> modes)
    {
        Console.WriteLine($"five-task run throughput: {runs:N0} runs per mode after {Warmup(runs):N0} warm-up runs, {concurrency} in flight, 2 workers");
        Console.WriteLine($"transitions counted: {DurableFlows.TaskTransitionsPerFiveTaskRun} per run (task.started + task.completed of five tasks); the run's own entries and records are extra");
        Console.WriteLine();
        Console.WriteLine($"{"mode",-32} {"runs/s",10} {"transitions/s",14} {"µs/transition",14} {"p50 run",10} {"p99 run",10} {"WAL B/run",10} {"entries/run",12} {"commits",8}");
        foreach (var mode in modes)
        {
            await MeasureAsync(mode, runs, concurrency);
        }
    }

    /// <summary>What one five-task run asks of the store: <paramref name="runs"/> runs, one at a
    /// time, on an engine over a counting wrapper of a FASTER store (batched).</summary>
    public static async Task CountStoreCallsAsync(int runs)
    {
        using var directory = new ScratchDirectory("counting");
        await using var store = DurableFlows.OpenStore(directory.Path, StoreDurability.Batched);
        var counting = new CountingStore(store);
        using var engine = DurableFlows.CreateEngine(counting);
        var compiled = DurableFlows.FiveTasks(engine);
        // The first run also stores the definition; it is not counted.
        await engine.RunAsync(compiled);
        counting.Reset();
        for (var i = 0; i < runs; i++)
        {
            await engine.RunAsync(compiled);
        }

        Console.WriteLine($"store calls per five-task run ({runs:N0} runs, one at a time): {counting.PerRun(runs)}");
    }

    public static int Warmup(int runs) => Math.Min(4_000, Math.Max(200, runs / 10));

    private static async Task MeasureAsync(Mode mode, int runs, int concurrency)
    {
        using var directory = new ScratchDirectory("throughput");
        FasterStateStore? store = mode.Durability is { } durability
            ? FasterStateStore.Open(directory.Path, new StateStoreOptions { Durability = durability, FlushInterval = mode.FlushInterval ?? TimeSpan.FromSeconds(1) })
            : null;
        try
        {
            long walBefore = 0;
            long commitsBefore = 0;
            using (var engine = DurableFlows.CreateEngine(store, retainCompletedRuns: mode.RetainCompletedRuns))
            {
                var compiled = DurableFlows.FiveTasks(engine);
                // Two rounds with a pause between, so the tiered JIT has optimized the path (see QuickCheckpoints).
                var warmup = Warmup(runs);
                for (var round = 0; round < 2; round++)
                {
                    await WorkflowLoad.RunAsync(engine, compiled, null, warmup / 2, 0, Math.Min(concurrency, warmup / 2));
                    await Task.Delay(300);
                }

                if (store is not null)
                {
                    walBefore = store.LastTicket.Position;
                    commitsBefore = store.GetStatistics().Commits;
                }

                var report = await WorkflowLoad.RunAsync(engine, compiled, null, runs, 0, concurrency);
                if (report.Completed != runs)
                {
                    throw new InvalidOperationException($"{mode.Name}: {report.Completed:N0} of {runs:N0} runs completed ({report.Failed} failed, {report.Cancelled} cancelled).");
                }

                var walPerRun = store is null ? "-" : $"{(store.LastTicket.Position - walBefore) / (double)runs:N0}";
                var commits = store is null ? "-" : $"{store.GetStatistics().Commits - commitsBefore:N0}";
                var entries = "-";
                if (store is not null)
                {
                    var one = await engine.RunAsync(compiled);
                    entries = engine.GetHistory(one.RunId).Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var transitions = report.RunsPerSecond * DurableFlows.TaskTransitionsPerFiveTaskRun;
                Console.WriteLine(
                    $"{mode.Name,-32} {report.RunsPerSecond,10:N0} {transitions,14:N0} {1e6 / transitions,14:N2} {report.Latency.P50Us,8:N0}µs {report.Latency.P99Us,8:N0}µs {walPerRun,10} {entries,12} {commits,8}");
            }
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
        }
    }
}
