using System.Diagnostics;
using System.Runtime.CompilerServices;
using FastFlow.Storage.Stores;

namespace FastFlow.Benchmarks.Durability;

/// <summary>Recovery of many in-flight runs: the store is filled with runs whose first task is under
/// way (<see cref="InFlightRuns"/>), the engine goes away without finishing them, and a new engine
/// over the reopened store recovers them. Two kinds of going away:
/// <list type="bullet">
/// <item><b>engine disposed</b>: in this process, the engine is disposed with the runs in flight and
/// the store is closed normally (it commits and checkpoints), so the store's open replays nothing;</item>
/// <item><b>process killed</b>: a child process fills the store and is killed with SIGKILL, so the
/// store's open also replays the write-ahead log written since its last checkpoint.</item>
/// </list>
/// GC pauses and allocated bytes are those of the process during <see cref="FlowEngine.RecoverAsync"/>.</summary>
internal static class QuickRecovery
{
    public const string ChildMode = "durability-crash-child";

    /// <param name="counts">Runs in flight, one measurement each.</param>
    /// <param name="disposed">Whether to measure the engine-disposed kind.</param>
    /// <param name="killed">Whether to measure the process-killed kind (after the other for each count).</param>
    /// <param name="stateMemoryBytes">FasterKV's log in memory in the recovering store; the default (64 MiB) when null.</param>
    public static async Task RunAsync(IReadOnlyList<int> counts, bool disposed, bool killed, long? stateMemoryBytes = null)
    {
        Console.WriteLine($"recovery of in-flight runs (five-task runs, first task started and blocked), FASTER store, batched, state memory {(stateMemoryBytes is { } bytes ? $"{bytes >> 20} MiB" : "64 MiB (default)")}");
        Console.WriteLine($"{"runs",9} {"crash",-16} {"fill",9} {"data dir",10} {"store open",11} {"replayed",9} {"RecoverAsync",13} {"resumed",9} {"first tasks re-entered",23} {"GC pauses",10} {"allocated",10}");
        foreach (var count in counts)
        {
            if (disposed)
            {
                await MeasureAsync(count, killProcess: false, stateMemoryBytes);
            }

            if (killed)
            {
                await MeasureAsync(count, killProcess: true, stateMemoryBytes);
            }
        }
    }

    private static async Task MeasureAsync(int count, bool killProcess, long? stateMemoryBytes)
    {
        using var directory = new ScratchDirectory("recovery");
        var fill = Stopwatch.StartNew();
        if (killProcess)
        {
            FillInChildAndKill(directory.Path, count);
        }
        else
        {
            var store = DurableFlows.OpenStore(directory.Path, StoreDurability.Batched);
            var first = await InFlightRuns.FillAsync(store, count);
            // The crash as the engine sees it: its runs are abandoned in flight. The store closes
            // normally, since this process must release the directory to open it again.
            first.Dispose();
            await store.DisposeAsync();
        }

        var filled = fill.Elapsed;
        var size = directory.SizeBytes();

        // Collect the first engine's garbage now, so that it is not collected inside the measurement.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        var open = Stopwatch.StartNew();
        var reopened = DurableFlows.OpenStore(directory.Path, StoreDurability.Batched, stateMemoryBytes);
        var opened = open.Elapsed;
        try
        {
            using var second = DurableFlows.CreateEngine(reopened);
            var entered = new StrongBox<int>();
            InFlightRuns.RegisterHandlers(second, entered);
            var pausedBefore = GC.GetTotalPauseDuration();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var recover = Stopwatch.StartNew();
            var report = await second.RecoverAsync();
            var recovered = recover.Elapsed;
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            DurableFlows.Until(() => Volatile.Read(ref entered.Value) >= count, TimeSpan.FromMinutes(5), $"{count:N0} first tasks to be re-entered");
            var reentered = recover.Elapsed;
            Console.WriteLine(
                $"{count,9:N0} {(killProcess ? "process killed" : "engine disposed"),-16} {filled.TotalSeconds,8:N1}s {size / (1024.0 * 1024),7:N1} MiB {opened.TotalMilliseconds,9:N0}ms {reopened.Recovery.ReplayedEntries,9:N0} {recovered.TotalMilliseconds,11:N0}ms {report.Resumed.Count,9:N0} {reentered.TotalMilliseconds,21:N0}ms {paused.TotalMilliseconds,8:N0}ms {allocated / (1024.0 * 1024),6:N0} MiB");
            if (report.Resumed.Count != count || report.Failed.Count != 0 || report.CorruptRecords.Count != 0)
            {
                throw new InvalidOperationException(
                    $"Recovery of {count:N0} runs resumed {report.Resumed.Count:N0} (paused {report.Paused.Count}, failed {report.Failed.Count}, corrupt {report.CorruptRecords.Count}): {report.Failed.FirstOrDefault()?.Message}");
            }
        }
        finally
        {
            await reopened.DisposeAsync();
        }
    }

    /// <summary>The child's side: fills the store, prints <c>ready</c>, then waits to be killed.</summary>
    public static async Task ChildAsync(string directory, int count)
    {
        var store = DurableFlows.OpenStore(directory, StoreDurability.Batched);
        await InFlightRuns.FillAsync(store, count);
        Console.WriteLine("ready");
        Console.Out.Flush();
        await Task.Delay(Timeout.Infinite);
    }

    private static void FillInChildAndKill(string directory, int count)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under dotnet-trace the parent's diagnostic port is inherited: the child would wait for a tracer.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(QuickRecovery).Assembly.Location);
        }

        start.ArgumentList.Add(ChildMode);
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        try
        {
            string? line;
            while ((line = child.StandardOutput.ReadLine()) != "ready")
            {
                if (line is null)
                {
                    throw new InvalidOperationException($"The child process ended (exit code {(child.WaitForExit(5_000) ? child.ExitCode : -1)}) before its runs were in flight.");
                }
            }
        }
        finally
        {
            // SIGKILL: no disposal, no last commit, no checkpoint.
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }
}
