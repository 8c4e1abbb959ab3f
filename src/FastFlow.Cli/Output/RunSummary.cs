using System.Globalization;
using FastFlow.Cli.Running;
using FastFlow.Data;
using Spectre.Console;

namespace FastFlow.Cli.Output;

/// <summary>The human summary at the end of a run: status and duration, a table of tasks, the
/// outputs, the error of each task that did not succeed, and what to do about a paused run.</summary>
internal static class RunSummary
{
    /// <summary>Characters of a task's output shown in the table.</summary>
    private const int MaxPreview = 60;

    /// <summary>The narrowest preview worth showing.</summary>
    private const int MinPreview = 12;

    /// <summary>Borders and padding of a five-column table: six bars and a space each side of each cell.</summary>
    private const int TableOverhead = 16;

    public static void Write(IAnsiConsole console, RunOutcome outcome)
    {
        var result = outcome.Result;
        var progress = outcome.Progress;
        var now = DateTimeOffset.UtcNow;
        var duration = RunJson.Elapsed(result, now);
        var title = progress.WorkflowName is { } name && name != result.WorkflowId ? $"{name} ({result.WorkflowId})" : result.WorkflowId;
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/] {StatusMarkup.Of(result.Status)} in {Durations.Format(duration)}");
        console.MarkupLine($"[grey]run {result.RunId}[/]");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("task")
            .AddColumn("status")
            .AddColumn(new TableColumn("attempts").RightAligned())
            .AddColumn(new TableColumn("duration").RightAligned())
            .AddColumn("output");
        var rows = new List<string[]>(result.Tasks.Count);
        for (var i = 0; i < result.Tasks.Count; i++)
        {
            var task = result.Tasks[i];
            var seen = progress.Tasks[i];
            var taken = seen.StartedAt is { } start ? (seen.EndedAt ?? result.CompletedAt ?? now) - start : (TimeSpan?)null;
            rows.Add([task.Id, task.Status.ToWireName(), task.Attempts.ToString(CultureInfo.InvariantCulture), taken is { } t ? Durations.Format(t) : "-"]);
        }

        // The output preview gets the width the other columns leave, so that it never wraps.
        var previewWidth = Math.Max(MinPreview, console.Profile.Width - TableOverhead - ColumnWidths(rows));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            table.AddRow(
                Markup.Escape(row[0]),
                StatusMarkup.Of(result.Tasks[i].Status),
                row[2],
                row[3],
                Markup.Escape(Preview(result.Tasks[i], previewWidth)));
        }

        console.Write(table);
        WriteOutputs(console, result);
        WriteErrors(console, outcome);
    }

    /// <summary>The widest cell of each of the first four columns (their headers included), summed.</summary>
    private static int ColumnWidths(List<string[]> rows)
    {
        string[] headers = ["task", "status", "attempts", "duration"];
        var total = 0;
        for (var column = 0; column < headers.Length; column++)
        {
            total += rows.Select(row => row[column].Length).Append(headers[column].Length).Max();
        }

        return total;
    }

    /// <summary>The start of a task's output on one line; the whole of it is in <c>--json</c>.</summary>
    private static string Preview(TaskRunInfo task, int width)
    {
        if (task.Status is not (FlowTaskStatus.Completed or FlowTaskStatus.Compensated) || task.Output is null)
        {
            return string.Empty;
        }

        var json = PlainData.ToJson(task.Output);
        width = Math.Min(width, MaxPreview);
        return json.Length <= width ? json : string.Concat(json.AsSpan(0, width - 1), "…");
    }

    private static void WriteOutputs(IAnsiConsole console, RunResult result)
    {
        if (result.Outputs.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]outputs[/]");
        foreach (var (name, value) in result.Outputs)
        {
            console.MarkupLine($"  {Markup.Escape(name)}: {Markup.Escape(PlainData.ToJson(value))}");
        }
    }

    private static void WriteErrors(IAnsiConsole console, RunOutcome outcome)
    {
        var result = outcome.Result;
        var failed = result.Tasks.Where(static t => t.Error is not null && t.Status is FlowTaskStatus.Failed or FlowTaskStatus.Timeout).ToList();
        if (failed.Count > 0)
        {
            console.MarkupLine("[bold]errors[/]");
            foreach (var task in failed)
            {
                console.MarkupLine($"  [red]✗[/] {Markup.Escape(task.Id)} ({task.Status.ToWireName()}, {task.Error!.Category.ToWireName()}): {Markup.Escape(task.Error.Message)}");
            }
        }

        if (outcome.TimedOut)
        {
            console.MarkupLine("[darkorange]cancelled because --timeout was reached[/]");
        }
        else if (outcome.Interrupted)
        {
            console.MarkupLine("[darkorange]cancelled by Ctrl-C[/]");
        }
        else if (result.Status is RunStatus.Failed && result.Error is { } error && failed.Count == 0)
        {
            console.MarkupLine($"[red]the run failed ({error.Category.ToWireName()}): {Markup.Escape(error.Message)}[/]");
        }

        if (outcome.Paused)
        {
            var waiting = result.Tasks.Where(static t => t.Status is FlowTaskStatus.Failed or FlowTaskStatus.Timeout).Select(static t => t.Id).ToList();
            var which = waiting.Count > 0 ? $"task {string.Join(", ", waiting)} failed and its on_failure is pause" : "the run paused";
            console.MarkupLine($"[darkorange]paused: {Markup.Escape(which)}.[/]");
            console.MarkupLine("  A paused run is resumed (or the task skipped) through a server, which this version does not have");
            console.MarkupLine("  yet: the local run ends here. To run it to the end locally, set on_failure to fail or skip.");
        }
    }
}
