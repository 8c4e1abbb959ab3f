using System.Diagnostics;
using FastFlow.Bench.Workflows;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Benchmarks.Durability;

/// <summary>The size of the data directory while an engine with <c>RetainCompletedRuns = 10,000</c>
/// completes many five-task runs on a FASTER store (batched): the sum of the sizes of its files
/// after every step, at the end, after an explicit compaction and after the store is closed.
/// Run: dotnet run -c Release --project bench/FastFlow.Benchmarks -- durability-disk --runs 1000000</summary>
internal static class QuickDiskUse
{
    public const int Retain = 10_000;

    public static async Task RunAsync(int runs, int concurrency)
    {
        using var directory = new ScratchDirectory("disk");
        var store = DurableFlows.OpenStore(directory.Path, StoreDurability.Batched);
        var step = runs >= 1_000_000 ? 100_000 : Math.Max(1, runs / 10);
        Console.WriteLine($"data directory size: {runs:N0} five-task runs, RetainCompletedRuns = {Retain:N0}, FASTER batched, {concurrency} in flight, measured every {step:N0} runs");
        Console.WriteLine($"{"runs",10} {"elapsed",9} {"runs/s",9} {"dir",10} {"WAL kept",10} {"state log",10} {"records",9} {"streams",9} {"ckpts",6} {"compactions",12}");
        var clock = Stopwatch.StartNew();
        try
        {
            using (var engine = DurableFlows.CreateEngine(store, retainCompletedRuns: Retain))
            {
                var compiled = DurableFlows.FiveTasks(engine);
                var done = 0;
                while (done < runs)
                {
                    var batch = Math.Min(step, runs - done);
                    var report = await WorkflowLoad.RunAsync(engine, compiled, null, batch, 0, concurrency);
                    if (report.Completed != batch)
                    {
                        throw new InvalidOperationException($"{report.Completed:N0} of {batch:N0} runs completed ({report.Failed} failed, {report.Cancelled} cancelled).");
                    }

                    done += batch;
                    Print($"{done:N0}", clock.Elapsed, report.RunsPerSecond, directory, store);
                }

                // Retention runs in the background every 1,024 terminal runs; let the last pass end.
                await Task.Delay(TimeSpan.FromSeconds(2));
                Print("end +2 s", clock.Elapsed, null, directory, store);
                var active = engine.ListStoredRuns("completed").Count;
                Console.WriteLine($"completed runs kept in the store: {active:N0}");
            }

            await store.CompactAsync();
            Print("compacted", clock.Elapsed, null, directory, store);
        }
        finally
        {
            await store.DisposeAsync();
        }

        Console.WriteLine($"{"closed",10} {clock.Elapsed.TotalSeconds,8:N0}s {"",9} {Mib(directory.SizeBytes()),10}");
    }

    private static void Print(string label, TimeSpan elapsed, double? runsPerSecond, ScratchDirectory directory, FasterStateStore store)
    {
        var statistics = store.GetStatistics();
        Console.WriteLine(
            $"{label,10} {elapsed.TotalSeconds,8:N0}s {(runsPerSecond is { } rate ? rate.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : ""),9} {Mib(directory.SizeBytes()),10} {Mib(statistics.LogBytes),10} {Mib(statistics.StateLogBytes),10} {statistics.RecordCount,9:N0} {statistics.StreamCount,9:N0} {statistics.Checkpoints,6:N0} {statistics.Compactions,12:N0}");
        if (statistics.LastMaintenanceError is { } error)
        {
            Console.WriteLine($"  maintenance error: {error}");
        }
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):N1} MiB";
}
