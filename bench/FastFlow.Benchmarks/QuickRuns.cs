using System.Diagnostics;
using FastFlow.Bench.Workflows;

namespace FastFlow.Benchmarks;

/// <summary>Latency of the five-task run, one run at a time (median and p99 of many), for
/// iterating on the submit → dispatch → complete → await path.
/// Run: dotnet run -c Release --project bench/FastFlow.Benchmarks -- runs [count]</summary>
public static class QuickRuns
{
    public static void Run(int count)
    {
        using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var compiled = engine.Compile(FiveTaskWorkflow.Build());
        var samples = new double[count];
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                engine.RunAsync(compiled).AsTask().GetAwaiter().GetResult();
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        Array.Sort(samples);
        Console.WriteLine($"five-task run: median {samples[count / 2]:F2} µs  p90 {samples[count * 9 / 10]:F2} µs  p99 {samples[count * 99 / 100]:F2} µs  min {samples[0]:F2} µs");
    }
}
