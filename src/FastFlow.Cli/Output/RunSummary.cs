using System.Globalization;
using FastFlow.Cli.Running;
using FastFlow.Data;
using Spectre.Console;

namespace FastFlow.Cli.Output;

/// <summary>The human summary at the end of a run: status and duration, a table of tasks, the
/// outputs, the error of each task that did not succeed, and what to do about a paused run.</summary>
internal static class RunSummary
{
    public static void Write(IAnsiConsole console, RunOutcome outcome)
    {
        var result = outcome.Result;
        var progress = outcome.Progress;
        var now = DateTimeOffset.UtcNow;
        var duration = RunJson.Elapsed(result, now);
        var title = progress.WorkflowName is { } name && name != result.WorkflowId ? $"{name} ({result.WorkflowId})" : result.WorkflowId;
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/] {StatusMarkup.Of(result.Status)} in {Durations.Format(duration)} [grey]· run {result.RunId}[/]");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("task")
            .AddColumn("status")
            .AddColumn(new TableColumn("attempts").RightAligned())
            .AddColumn(new TableColumn("duration").RightAligned());
        for (var i = 0; i < result.Tasks.Count; i++)
        {
            var task = result.Tasks[i];
            var seen = progress.Tasks[i];
            var taken = seen.StartedAt is { } start ? (seen.EndedAt ?? result.CompletedAt ?? now) - start : (TimeSpan?)null;
            table.AddRow(
                Markup.Escape(task.Id),
                StatusMarkup.Of(task.Status),
                task.Attempts.ToString(CultureInfo.InvariantCulture),
                taken is { } t ? Durations.Format(t) : "-");
        }

        console.Write(table);
        WriteOutputs(console, result);
        WriteErrors(console, outcome);
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
