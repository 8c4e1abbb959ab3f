using System.Globalization;
using System.Text.Json;
using FastFlow.Bench;
using FastFlow.Bench.Shapes;
using FastFlow.Cli.Output;
using Spectre.Console;

namespace FastFlow.Cli.Benchmarking;

/// <summary><c>fastflow bench --shape S --size N</c>: an empty-task DAG on FastFlow and on the
/// plain .NET baseline, in this process, with the figures per task.</summary>
internal static class ShapeBench
{
    public static async Task<int> RunAsync(DagShape shape, int tasks, int workers, int rounds, bool json)
    {
        var size = ShapeGraph.SizeFor(shape, tasks);
        var progress = new BenchProgress();
        var name = shape.ToString().ToLowerInvariant();
        var report = await ProgressBar.RunAsync(
            $"{name}, {ShapeGraph.TaskCount(shape, size):N0} tasks",
            progress,
            show: !json && Terminal.StandardOutputIsInteractive,
            () => ShapeMeasurement.Measure(shape, size, workers, rounds, progress)).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(writer => Write(writer, report));
        }
        else
        {
            WriteTable(Consoles.StandardOutput(), report);
        }

        return ExitCodes.Success;
    }

    /// <summary>The <c>--json</c> object.</summary>
    public static void Write(Utf8JsonWriter writer, ShapeReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("shape", report.Shape.ToString().ToLowerInvariant());
        writer.WriteNumber("tasks", report.Tasks);
        writer.WriteNumber("workers", report.Workers);
        writer.WriteNumber("rounds", report.Rounds);
        writer.WriteNumber("construct_ns_per_task", Math.Round(report.ConstructNsPerTask, 2));
        writer.WriteNumber("exec_ns_per_task", Math.Round(report.ExecNsPerTask, 2));
        writer.WriteNumber("alloc_bytes_per_task", Math.Round(report.AllocBytesPerTask, 4));
        writer.WriteNumber("baseline_exec_ns_per_task", Math.Round(report.BaselineExecNsPerTask, 2));
        writer.WriteNumber("ratio_to_baseline", Math.Round(report.RatioToBaseline, 3));
        writer.WriteEndObject();
    }

    private static void WriteTable(IAnsiConsole console, ShapeReport report)
    {
        var table = new Table()
            .Title($"{report.Shape.ToString().ToLowerInvariant()}: {report.Tasks:N0} empty tasks, {report.Workers} workers, best of {report.Rounds} rounds")
            .AddColumn("")
            .AddColumn(new TableColumn("construct").RightAligned())
            .AddColumn(new TableColumn("execute").RightAligned())
            .AddColumn(new TableColumn("allocated").RightAligned());
        table.AddRow("fastflow", Ns(report.ConstructNsPerTask), Ns(report.ExecNsPerTask), Bytes(report.AllocBytesPerTask));
        table.AddRow(".NET baseline", "-", Ns(report.BaselineExecNsPerTask), "-");
        console.Write(table);
        var verdict = report.RatioToBaseline <= 1 ? "faster" : "slower";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"fastflow runs this DAG at [bold]{report.RatioToBaseline:F2}×[/] the baseline's time per task ({verdict} than a dependency-counter executor on the .NET ThreadPool)."));
    }

    private static string Ns(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:F1} ns/task");

    private static string Bytes(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:F2} B/task");
}
