namespace FastFlow.Bench.Workflows;

/// <summary>What a load of many runs of one definition measured.</summary>
/// <param name="WorkflowId">The definition's id.</param>
/// <param name="Runs">Runs measured (warm-up runs excluded).</param>
/// <param name="WarmupRuns">Runs made first and not measured.</param>
/// <param name="Concurrency">Runs in flight at once.</param>
/// <param name="Workers">Engine worker threads.</param>
/// <param name="Durability">The durability mode the runs were made in.</param>
/// <param name="Completed">Runs that ended completed.</param>
/// <param name="Failed">Runs that ended failed.</param>
/// <param name="Cancelled">Runs that ended cancelled.</param>
/// <param name="Elapsed">Wall time of the measured runs.</param>
/// <param name="Latency">Submit-to-end latency of each run.</param>
public sealed record WorkflowLoadReport(
    string WorkflowId,
    int Runs,
    int WarmupRuns,
    int Concurrency,
    int Workers,
    string Durability,
    int Completed,
    int Failed,
    int Cancelled,
    TimeSpan Elapsed,
    LatencySummary Latency)
{
    /// <summary>Measured runs per second of wall time.</summary>
    public double RunsPerSecond => Runs / Elapsed.TotalSeconds;
}

/// <summary>A latency distribution in microseconds.</summary>
public sealed record LatencySummary(double MeanUs, double P50Us, double P90Us, double P99Us, double MaxUs);
