using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;
using Spectre.Console;

namespace FastFlow.Cli.Output;

/// <summary>The table of <c>runs</c>: id, workflow, status, created, ended (local times).</summary>
internal static class RunListText
{
    public static void Write(IAnsiConsole console, IReadOnlyList<RunRecord> runs, DataDirectory data) =>
        Write(console, runs, data.Display);

    /// <summary>The table; <paramref name="where"/> names where the runs are kept (a data directory, a server).</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<RunRecord> runs, string where)
    {
        if (runs.Count == 0)
        {
            console.WriteLine($"no runs in {where}");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("run")
            .AddColumn("workflow")
            .AddColumn("status")
            .AddColumn("created")
            .AddColumn("ended");
        foreach (var run in runs)
        {
            table.AddRow(
                Markup.Escape(run.RunId),
                Markup.Escape(run.WorkflowId),
                WireNames.TryParse<RunStatus>(run.Status, out var status) ? StatusMarkup.Of(status.Value) : Markup.Escape(run.Status),
                Durations.LocalDateTime(TaskHistoryReplay.Utc(run.CreatedAt)),
                run.CompletedAt is { } ended ? Durations.LocalDateTime(TaskHistoryReplay.Utc(ended)) : "-");
        }

        console.Write(table);
        console.MarkupLine($"[grey]{(runs.Count == 1 ? "1 run" : $"{runs.Count} runs")} in {Markup.Escape(where)}[/]");
    }
}
