using System.Globalization;
using System.Text.Json;
using HdrHistogram;

namespace FastFlow.LoadGen;

/// <summary>What a load run measured.</summary>
internal sealed record LoadReport
{
    public required string Mode { get; init; }

    public required string Durability { get; init; }

    public required int Clients { get; init; }

    public required int Pipeline { get; init; }

    /// <summary>Requests answered with success in the measured period.</summary>
    public required long Requests { get; init; }

    /// <summary>Requests that failed (error reply or a run not completed).</summary>
    public required long Failed { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Round-trip latency of each request, in nanoseconds.</summary>
    public required HistogramBase Latencies { get; init; }

    /// <summary>Bytes allocated by this whole process per request: clients, and the server too when in process.</summary>
    public required double ProcessBytesPerRequest { get; init; }

    public required int Gen0Collections { get; init; }

    /// <summary>CPU time of this process (clients, and the server when in process).</summary>
    public required double CpuSeconds { get; init; }

    public required bool InProcess { get; init; }

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    private double Microseconds(double percentile) => Latencies.TotalCount == 0 ? 0 : Latencies.GetValueAtPercentile(percentile) / 1_000.0;

    public void Print(bool json)
    {
        if (json)
        {
            var payload = new Dictionary<string, object>
            {
                ["mode"] = Mode,
                ["durability"] = Durability,
                ["clients"] = Clients,
                ["pipeline"] = Pipeline,
                ["requests"] = Requests,
                ["failed"] = Failed,
                ["seconds"] = Math.Round(Elapsed.TotalSeconds, 3),
                ["per_second"] = Math.Round(PerSecond, 1),
                ["p50_us"] = Microseconds(50),
                ["p90_us"] = Microseconds(90),
                ["p99_us"] = Microseconds(99),
                ["max_us"] = Latencies.GetMaxValue() / 1_000.0,
                ["process_bytes_per_request"] = Math.Round(ProcessBytesPerRequest, 1),
                ["gen0_collections"] = Gen0Collections,
                ["cpu_seconds"] = Math.Round(CpuSeconds, 2),
                ["server_in_process"] = InProcess,
                ["processors"] = Environment.ProcessorCount,
            };
            Console.WriteLine(JsonSerializer.Serialize(payload));
            return;
        }

        var what = Mode == "ping" ? "pings" : "runs (submit-and-wait, five-task no-op)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {Requests:N0} {what} in {Elapsed.TotalSeconds:F1} s over {Clients} connections x {Pipeline} in flight, durability {Durability}
              throughput   {PerSecond:N0}/s   ({Failed:N0} failed)
              latency      p50 {Microseconds(50):N1} µs   p90 {Microseconds(90):N1} µs   p99 {Microseconds(99):N1} µs   max {Latencies.GetMaxValue() / 1_000.0:N1} µs
              allocated    {ProcessBytesPerRequest:N0} B per request in this process ({(InProcess ? "clients and server" : "clients only")}), {Gen0Collections} gen0 GCs
              cpu          {CpuSeconds:F1} s of {Environment.ProcessorCount} cores x {Elapsed.TotalSeconds:F1} s
            """));
    }
}
