using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;
using Spectre.Console;

namespace FastFlow.Cli.Output;

/// <summary>The table of <c>checkpoints</c>; a damaged checkpoint's row says what is wrong.</summary>
internal static class CheckpointText
{
    public static void Write(IAnsiConsole console, string runId, IReadOnlyList<CheckpointInfo> checkpoints, DataDirectory data)
    {
        if (checkpoints.Count == 0)
        {
            console.WriteLine($"run {runId} has no checkpoints");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("id").RightAligned())
            .AddColumn("level")
            .AddColumn("taken at")
            .AddColumn(new TableColumn("covers").RightAligned())
            .AddColumn("run status")
            .AddColumn("reason");
        foreach (var checkpoint in checkpoints)
        {
            var id = checkpoint.CheckpointId.ToString(CultureInfo.InvariantCulture);
            if (checkpoint.Corrupt)
            {
                table.AddRow(id, "[red]corrupt[/]", string.Empty, string.Empty, string.Empty, Markup.Escape(checkpoint.Problem ?? string.Empty));
                continue;
            }

            table.AddRow(
                id,
                Markup.Escape(checkpoint.Level),
                Durations.LocalDateTime(TaskHistoryReplay.Utc(checkpoint.TakenAt), milliseconds: true),
                checkpoint.CoversSequence.ToString(CultureInfo.InvariantCulture),
                WireNames.TryParse<RunStatus>(checkpoint.RunStatus, out var status) ? StatusMarkup.Of(status.Value) : Markup.Escape(checkpoint.RunStatus),
                Markup.Escape(checkpoint.Reason ?? string.Empty));
        }

        console.Write(table);
        console.MarkupLine("[grey]" + Markup.Escape($"`covers`: the history entries before it (`fastflow history {runId}{data.Option}`); " +
            $"`fastflow rollback {runId} --checkpoint ID{data.Option}` goes back to one.") + "[/]");
    }
}
