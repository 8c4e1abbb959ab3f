using System.Globalization;
using FastFlow.PerfReport.Machine;
using FastFlow.PerfReport.Results;

namespace FastFlow.PerfReport.Writers;

/// <summary>Writes perf-reports/&lt;date&gt;-&lt;machine&gt;.md: the machine, the DAG shapes beside
/// Taskflow with the chart, then one table per suite.</summary>
internal static class MarkdownReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter writer, BenchmarkReport report)
    {
        writer.WriteLine($"# Benchmarks — {report.Date}, {report.Machine.Slug}");
        writer.WriteLine();
        writer.WriteLine("Every suite of bench/FastFlow.Benchmarks, run by `tools/run-benchmarks.sh all`");
        writer.WriteLine($"(BenchmarkDotNet job: {string.Join(", ", report.Jobs)}). Times are per operation: per task for the");
        writer.WriteLine("four DAG shapes. Ratio is the mean over the mean of the baseline (marked) of the same suite,");
        writer.WriteLine($"category and parameters. The same figures as JSON: [{report.BaseName}.json]({report.BaseName}.json).");
        writer.WriteLine();
        WriteMachine(writer, report.Machine);
        WriteShapes(writer, report);
        WriteSuites(writer, report.Rows);
    }

    private static void WriteMachine(TextWriter writer, MachineInfo machine)
    {
        writer.WriteLine("## Machine");
        writer.WriteLine();
        writer.WriteLine("```");
        foreach (var key in MachineInfo.Keys)
        {
            writer.WriteLine($"{key + ":",-9}{machine[key]}");
        }

        writer.WriteLine("```");
        writer.WriteLine();
    }

    private static void WriteShapes(TextWriter writer, BenchmarkReport report)
    {
        writer.WriteLine("## DAG shapes, ns per task");
        writer.WriteLine();
        writer.WriteLine($"![FastFlow, the .NET ThreadPool baseline and Taskflow 4.1, ns per task]({report.ChartFileName})");
        writer.WriteLine();
        writer.WriteLine("| Shape | FastFlow | Baseline (ThreadPool) | Taskflow 4.1 |");
        writer.WriteLine("|---|---:|---:|---:|");
        foreach (var shape in report.Shapes)
        {
            writer.WriteLine($"| {shape.Shape} | {Figure(shape.FastFlowNs)} | {Figure(shape.BaselineNs)} | {Units.Figure(shape.TaskflowNs)} |");
        }

        writer.WriteLine();
        writer.WriteLine("Taskflow 4.1's figures are those the issues quote for this kind of 2-core machine; they are not measured by this run.");
        writer.WriteLine();
    }

    private static void WriteSuites(TextWriter writer, IReadOnlyList<ReportRow> rows)
    {
        writer.WriteLine("## Suites");
        foreach (var suite in rows.GroupBy(r => $"{r.Result.Namespace}.{r.Result.Suite}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteLine();
            writer.WriteLine($"### {suite.Key}");
            writer.WriteLine();
            writer.WriteLine("| Method | Case | Mean | Median | Ratio | Allocated |");
            writer.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var row in suite)
            {
                writer.WriteLine(Row(row));
            }
        }
    }

    /// <summary>A suite's table row: <c>| FastFlowExecute | Execute | 13.70 ns | 13.52 ns | 0.33 | 0 B |</c>.</summary>
    internal static string Row(ReportRow row)
    {
        var result = row.Result;
        var method = row.IsBaseline ? result.Method + " (baseline)" : result.Method;
        var parts = new[] { row.Category, result.Parameters }.Where(p => p.Length > 0);
        return $"| {method} | {string.Join(", ", parts)} | {Units.Time(result.MeanNs)} | {Units.Time(result.MedianNs)} | {Units.Ratio(row.Ratio)} | {Units.Bytes(result.AllocatedBytes)} |";
    }

    private static string Figure(double? nanoseconds) =>
        nanoseconds is { } ns ? ns.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
