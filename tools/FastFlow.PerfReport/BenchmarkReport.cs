using FastFlow.PerfReport.Machine;
using FastFlow.PerfReport.Results;

namespace FastFlow.PerfReport;

/// <summary>Everything one report shows: when and where the suites ran, each benchmark beside
/// its baseline, and the four DAG shapes against Taskflow.</summary>
/// <param name="Date">The day of the run, <c>yyyy-MM-dd</c>.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Rows">Every benchmark, suite by suite.</param>
/// <param name="Shapes">The DAG shapes' ns per task.</param>
internal sealed record BenchmarkReport(string Date, MachineInfo Machine, IReadOnlyList<ReportRow> Rows, IReadOnlyList<ShapeFigure> Shapes)
{
    /// <summary>The files' common name: <c>2026-11-23-amd-epyc-2c</c>.</summary>
    public string BaseName => $"{Date}-{Machine.Slug}";

    /// <summary>The chart's file name, as the markdown links it.</summary>
    public string ChartFileName => BaseName + "-shapes.svg";

    /// <summary>The distinct jobs the benchmarks ran with, in order of appearance.</summary>
    public IReadOnlyList<string> Jobs => [.. Rows.Select(r => r.Result.Job).Distinct(StringComparer.Ordinal)];
}
