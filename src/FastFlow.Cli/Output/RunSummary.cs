using System.Globalization;
using FastFlow.Data;
using Spectre.Console;

namespace FastFlow.Cli.Output;

/// <summary>The human summary at the end of a run: status and duration, a table of tasks, the
/// outputs, the error of each task that did not succeed, and what to do about a run that has not ended.</summary>
internal static class RunSummary
{
    /// <summary>Characters of a task's output shown in the table.</summary>
    private const int MaxPreview = 60;

    /// <summary>The narrowest preview worth showing.</summary>
    private const int MinPreview = 12;

    /// <summary>Borders and padding of a five-column table: six bars and a space each side of each cell.</summary>
    private const int TableOverhead = 16;

    public static void Write(IAnsiConsole console, RunReport report, SummaryNotes notes)
    {
        var now = DateTimeOffset.UtcNow;
        var duration = report.Elapsed(now);
        var title = report.WorkflowName is { } name && name != report.WorkflowId ? $"{name} ({report.WorkflowId})" : report.WorkflowId;
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/] {StatusMarkup.Of(report.Status)} in {Durations.Format(duration)}");
        console.MarkupLine($"[grey]run {report.RunId}[/]");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("task")
            .AddColumn("status")
            .AddColumn(new TableColumn("attempts").RightAligned())
            .AddColumn(new TableColumn("duration").RightAligned())
            .AddColumn("output");
        var rows = new List<string[]>(report.Tasks.Count);
        foreach (var task in report.Tasks)
        {
            var taken = task.Duration(report.CompletedAt, now);
            rows.Add([task.Id, task.Status.ToWireName(), task.Attempts.ToString(CultureInfo.InvariantCulture), taken is { } t ? Durations.Format(t) : "-"]);
        }

        // The output preview gets the width the other columns leave, so that it never wraps.
        var previewWidth = Math.Max(MinPreview, console.Profile.Width - TableOverhead - ColumnWidths(rows));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            table.AddRow(
                Markup.Escape(row[0]),
                StatusMarkup.Of(report.Tasks[i].Status),
                row[2],
                row[3],
                Markup.Escape(Preview(report.Tasks[i], previewWidth)));
        }

        console.Write(table);
        WriteOutputs(console, report);
        WriteErrors(console, report, notes);
        WriteWhatNext(console, report, notes);
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
    private static string Preview(TaskReport task, int width)
    {
        if (task.Status is not (FlowTaskStatus.Completed or FlowTaskStatus.Compensated) || task.Output is null)
        {
            return string.Empty;
        }

        var json = PlainData.ToJson(task.Output);
        width = Math.Min(width, MaxPreview);
        return json.Length <= width ? json : string.Concat(json.AsSpan(0, width - 1), "…");
    }

    private static void WriteOutputs(IAnsiConsole console, RunReport result)
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

    private static void WriteErrors(IAnsiConsole console, RunReport result, SummaryNotes notes)
    {
        var failed = result.Tasks.Where(static t => t.Error is not null && t.Status is FlowTaskStatus.Failed or FlowTaskStatus.Timeout).ToList();
        if (failed.Count > 0)
        {
            console.MarkupLine("[bold]errors[/]");
            foreach (var task in failed)
            {
                console.MarkupLine($"  [red]✗[/] {Markup.Escape(task.Id)} ({task.Status.ToWireName()}, {task.Error!.Category.ToWireName()}): {Markup.Escape(task.Error.Message)}");
            }
        }

        if (notes.TimedOut)
        {
            console.MarkupLine("[darkorange]cancelled because --timeout was reached[/]");
        }
        else if (notes.Interrupted)
        {
            console.MarkupLine("[darkorange]cancelled by Ctrl-C[/]");
        }
        else if (result.Status is RunStatus.Failed && result.Error is { } error && failed.Count == 0)
        {
            console.MarkupLine($"[red]the run failed ({error.Category.ToWireName()}): {Markup.Escape(error.Message)}[/]");
        }
    }

    /// <summary>For a run that has not ended: why, and the commands that go on from here.</summary>
    private static void WriteWhatNext(IAnsiConsole console, RunReport result, SummaryNotes notes)
    {
        var id = result.RunId;
        var data = notes.Data;
        // The suffix that names where the run is kept: a server, or a data directory.
        var option = notes.Server ?? data?.Option;
        if (result.Status == RunStatus.Paused)
        {
            var waiting = result.Tasks.Where(static t => t.Status is FlowTaskStatus.Failed or FlowTaskStatus.Timeout).Select(static t => t.Id).ToList();
            var which = waiting.Count > 0 ? $"task {string.Join(", ", waiting)} failed and its on_failure is pause" : "the run is paused";
            console.MarkupLine($"[darkorange]paused: {Markup.Escape(which)}.[/]");
            if (option is null)
            {
                console.MarkupLine("  The run was kept in memory (--in-memory), so it ends here and cannot be resumed: leave");
                console.MarkupLine("  --in-memory out to keep runs in ./.fastflow (or --data DIR) and resume them later.");
                return;
            }

            console.MarkupLine(Markup.Escape(waiting.Count > 0
                ? $"  fix what made it fail, then `fastflow resume {id}{option}` tries it again;"
                : $"  `fastflow resume {id}{option}` continues it;"));
            console.MarkupLine(Markup.Escape($"  `fastflow rollback {id}{option}` goes back to a checkpoint, `fastflow cancel {id}{option}` ends it."));
        }
        else if (result.Status is RunStatus.Pending or RunStatus.Running && notes.Server is { } server)
        {
            console.MarkupLine(Markup.Escape(result.Status == RunStatus.Pending && result.StartedAt is null
                ? $"the run is pending on the server: `fastflow start {id}{server}` starts it."
                : $"the run is {result.Status.ToWireName()} on the server: `fastflow monitor {id}{server}` follows it, `fastflow stop {id}{server}` pauses it."));
        }
        else if (result.Status is RunStatus.Pending or RunStatus.Running && data is not null)
        {
            console.MarkupLine(Markup.Escape(
                $"the run is {result.Status.ToWireName()} but no process is running it (its process ended before it did): `fastflow resume {id}{data.Option}` continues it."));
        }
    }
}
