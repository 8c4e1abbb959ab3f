namespace FastFlow.PerfReport.Results;

/// <summary>The figures of the four empty-task DAG shapes (bench/FastFlow.Benchmarks/ShapeBenchmarks.cs)
/// that issue #5 compares with Taskflow 4.1.</summary>
internal static class ShapeFigures
{
    /// <summary>The shapes in the order: suite, name, and Taskflow 4.1's ns per task as
    /// the issue quotes them.</summary>
    private static readonly (string Suite, string Shape, double TaskflowNs)[] s_shapes =
    [
        ("ChainBenchmarks", "chain", 23),
        ("TreeBenchmarks", "tree", 40),
        ("WavefrontBenchmarks", "wavefront", 41),
        ("FanoutBenchmarks", "fanout", 46),
    ];

    /// <summary>The four shapes, each with the first measured mean of its suite's
    /// FastFlowExecute and BaselineExecute.</summary>
    public static IReadOnlyList<ShapeFigure> From(IReadOnlyList<BenchmarkResult> results) =>
        [.. s_shapes.Select(s => new ShapeFigure(s.Shape, MeanOf(results, s.Suite, "FastFlowExecute"), MeanOf(results, s.Suite, "BaselineExecute"), s.TaskflowNs))];

    private static double? MeanOf(IReadOnlyList<BenchmarkResult> results, string suite, string method) =>
        results.FirstOrDefault(r => r.Suite == suite && r.Method == method && r.MeanNs is not null)?.MeanNs;
}
