namespace FastFlow.Bench.Shapes;

/// <summary>What one shape measured: the best round of each figure, per task.</summary>
/// <param name="Shape">The DAG shape.</param>
/// <param name="Tasks">Tasks in the DAG.</param>
/// <param name="Workers">Engine worker threads.</param>
/// <param name="Rounds">Rounds measured; each figure is the best of them.</param>
/// <param name="ConstructNsPerTask">Building the definition with the C# builder and compiling its plan (validation included).</param>
/// <param name="ExecNsPerTask">Running the compiled plan once, submit to end.</param>
/// <param name="AllocBytesPerTask">Bytes allocated while running, over all threads, per task.</param>
/// <param name="BaselineExecNsPerTask">The same DAG on the plain dependency-counter executor on the .NET ThreadPool.</param>
public sealed record ShapeReport(
    DagShape Shape,
    int Tasks,
    int Workers,
    int Rounds,
    double ConstructNsPerTask,
    double ExecNsPerTask,
    double AllocBytesPerTask,
    double BaselineExecNsPerTask)
{
    /// <summary>FastFlow's execution time over the baseline's: below 1 is faster than the plain executor.</summary>
    public double RatioToBaseline => ExecNsPerTask / BaselineExecNsPerTask;
}
