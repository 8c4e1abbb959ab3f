using System.Globalization;
using FastFlow.Storage.Stores;

namespace FastFlow.Benchmarks.Durability;

/// <summary>The durability figures of issue #3, fast and rough (Stopwatch and HdrHistogram, one
/// pass): a bare append + fsync on this disk, five-task run throughput per durability mode,
/// checkpoint latency per level, and recovery of in-flight runs. The BenchmarkDotNet classes
/// beside this file measure the same things with BenchmarkDotNet's statistics.
/// Run: dotnet run -c Release --project bench/FastFlow.Benchmarks -- durability
/// [--only fsync|throughput|checkpoint|recovery] [--runs N] [--concurrency C]
/// [--checkpoint-runs N] [--checkpoints-per-run N] [--recovery-runs N[,N…]] [--crash disposed|killed|both]
/// [--state-memory-mib N] (FasterKV's log in memory when the store is reopened for recovery)</summary>
internal static class QuickDurability
{
    public static async Task RunAsync(string[] args)
    {
        var only = Option(args, "--only");
        var runs = IntOption(args, "--runs", 50_000);
        var concurrency = IntOption(args, "--concurrency", 256);
        var checkpointRuns = IntOption(args, "--checkpoint-runs", 500);
        var checkpointsPerRun = IntOption(args, "--checkpoints-per-run", 1);
        var recoveryRuns = (Option(args, "--recovery-runs") ?? "10000,100000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(static n => int.Parse(n, CultureInfo.InvariantCulture))
            .ToArray();
        var crash = Option(args, "--crash") ?? "both";
        long? stateMemory = Option(args, "--state-memory-mib") is { } mib ? long.Parse(mib, CultureInfo.InvariantCulture) << 20 : null;
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, temp dir {Path.GetTempPath()}, load average {LoadAverage()}");
        Console.WriteLine();

        if (only is null or "fsync")
        {
            await FsyncAsync();
            Console.WriteLine();
        }

        if (only is null or "throughput")
        {
            await QuickThroughput.RunAsync(runs, concurrency, QuickThroughput.Modes);
            Console.WriteLine();
            await QuickThroughput.CountStoreCallsAsync(200);
            Console.WriteLine();
            Console.WriteLine("one run at a time (concurrency 1), latency of the acknowledged result:");
            await QuickThroughput.RunAsync(Math.Max(100, runs / 50), 1, [QuickThroughput.Modes[0], QuickThroughput.Modes[3], QuickThroughput.Modes[4]]);
            Console.WriteLine();
        }

        if (only is null or "checkpoint")
        {
            await QuickCheckpoints.RunAsync(checkpointRuns, checkpointsPerRun);
            Console.WriteLine();
        }

        if (only is null or "recovery")
        {
            await QuickRecovery.RunAsync(recoveryRuns, disposed: crash is "both" or "disposed", killed: crash is "both" or "killed", stateMemory);
            Console.WriteLine();
        }

        Console.WriteLine($"load average at the end {LoadAverage()}");
    }

    private static async Task FsyncAsync()
    {
        using var directory = new ScratchDirectory("fsync");
        Console.WriteLine("one durable write on this disk:");
        Console.WriteLine($"  append 100 B + fsync (FileStream.Write + Flush(true))       {FsyncProbe.Summary(FsyncProbe.AppendAndFsync(directory.Path, 2_000))}");
        await using var store = DurableFlows.OpenStore(directory.Path, StoreDurability.Immediate);
        Console.WriteLine($"  one history entry, FASTER immediate (append + wait durable) {FsyncProbe.Summary(await FsyncProbe.DurableHistoryAppend(store, 2_000))}");
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;
}
