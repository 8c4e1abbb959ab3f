using System.Diagnostics;
using FastFlow.Bench.Workflows;
using FastFlow.Client;
using FastFlow.Protocol.Messages;
using HdrHistogram;

namespace FastFlow.LoadGen;

/// <summary>Drives a server with <see cref="LoadOptions.Clients"/> connections, each keeping
/// <see cref="LoadOptions.Pipeline"/> requests outstanding, and measures what comes back.</summary>
internal static class ServerLoad
{
    private static readonly long s_highestNanoseconds = (long)TimeSpan.FromMinutes(1).TotalNanoseconds;

    /// <summary>Runs the warm-up, then the measured period.</summary>
    public static async Task<LoadReport> RunAsync(LoadOptions options, FastFlowClientOptions endpoint, bool inProcess)
    {
        var clients = new FastFlowClient[options.Clients];
        for (var i = 0; i < clients.Length; i++)
        {
            clients[i] = await FastFlowClient.ConnectAsync(endpoint with { ClientName = "fastflow-loadgen" }).ConfigureAwait(false);
        }

        try
        {
            if (options.Mode == "submit")
            {
                await clients[0].RegisterDefinitionAsync(FiveTaskWorkflow.NoopYaml, "five-tasks-noop.yaml").ConfigureAwait(false);
            }

            var submit = new SubmitRunMessage { WorkflowId = "five-tasks-noop", Wait = true };
            if (options.Warmup > TimeSpan.Zero)
            {
                await DriveAsync(clients, options, submit, options.Warmup, null).ConfigureAwait(false);
            }

            GC.Collect();
            var latencies = new LongConcurrentHistogram(1, s_highestNanoseconds, 3);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gen0Before = GC.CollectionCount(0);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var (done, failed) = await DriveAsync(clients, options, submit, options.Duration, latencies).ConfigureAwait(false);
            var elapsed = watch.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            return new LoadReport
            {
                Mode = options.Mode,
                Durability = inProcess ? options.Durability : "(remote server)",
                Clients = options.Clients,
                Pipeline = options.Pipeline,
                Requests = done,
                Failed = failed,
                Elapsed = elapsed,
                Latencies = latencies,
                ProcessBytesPerRequest = done == 0 ? 0 : allocated / (double)done,
                Gen0Collections = GC.CollectionCount(0) - gen0Before,
                CpuSeconds = cpu.TotalSeconds,
                InProcess = inProcess,
            };
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<(long Done, long Failed)> DriveAsync(
        FastFlowClient[] clients, LoadOptions options, SubmitRunMessage submit, TimeSpan duration, LongConcurrentHistogram? latencies)
    {
        using var stop = new CancellationTokenSource(duration);
        var loops = new List<Task<(long, long)>>(clients.Length * options.Pipeline);
        foreach (var client in clients)
        {
            for (var p = 0; p < options.Pipeline; p++)
            {
                loops.Add(LoopAsync(client, options.Mode, submit, latencies, stop.Token));
            }
        }

        long done = 0, failed = 0;
        foreach (var (d, f) in await Task.WhenAll(loops).ConfigureAwait(false))
        {
            done += d;
            failed += f;
        }

        return (done, failed);
    }

    private static async Task<(long, long)> LoopAsync(FastFlowClient client, string mode, SubmitRunMessage submit, LongConcurrentHistogram? latencies, CancellationToken stop)
    {
        long done = 0, failed = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (mode == "ping")
                {
                    await client.PingAsync().ConfigureAwait(false);
                }
                else
                {
                    var state = await client.SubmitRunAsync(submit).ConfigureAwait(false);
                    if (state.Status != "completed")
                    {
                        failed++;
                        continue;
                    }
                }
            }
            catch (FastFlowException)
            {
                failed++;
                continue;
            }

            latencies?.RecordValue((long)Stopwatch.GetElapsedTime(started).TotalNanoseconds);
            done++;
        }

        return (done, failed);
    }
}
