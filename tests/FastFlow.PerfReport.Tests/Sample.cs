using FastFlow.PerfReport.Machine;
using FastFlow.PerfReport.Results;

namespace FastFlow.PerfReport.Tests;

/// <summary>The checked-in results folder (Samples/results) and a report built from it.</summary>
internal static class Sample
{
    public static string ResultsDirectory => Path.Combine(AppContext.BaseDirectory, "Samples", "results");

    public static MachineInfo Machine { get; } = MachineInfo.Parse(
        """
        cpu:     AMD EPYC
        cores:   2
        memory:  23 GiB
        os:      Debian GNU/Linux 12 (bookworm) 6.18.44
        dotnet:  10.0.401 (runtime 10.0.12)
        load:    1.31 2.26 2.44 (1, 5, 15 min) when the run ended
        """);

    public static IReadOnlyList<BenchmarkResult> Results() => BdnResultReader.ReadDirectory(ResultsDirectory);

    public static BenchmarkReport Report()
    {
        var results = Results();
        return new BenchmarkReport("2026-11-23", Machine, BaselineRatios.Compute(results, BenchmarkCatalog.ForFastFlowBenchmarks()), ShapeFigures.From(results));
    }

    public static ReportRow Row(BenchmarkReport report, string suite, string method, string parameters = "") =>
        report.Rows.Single(r => r.Result.Suite == suite && r.Result.Method == method && r.Result.Parameters == parameters);
}
