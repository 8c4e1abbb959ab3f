using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;
using Spectre.Console;

namespace FastFlow.Cli.Output;

/// <summary>The table of <c>history</c>: one row per entry, local times with milliseconds.</summary>
internal static class HistoryText
{
    public static void Write(IAnsiConsole console, IReadOnlyList<HistoryEntry> entries)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("at")
            .AddColumn("type")
            .AddColumn("task")
            .AddColumn(new TableColumn("attempt").RightAligned())
            .AddColumn("actor")
            .AddColumn("status")
            .AddColumn("details");
        foreach (var entry in entries)
        {
            table.AddRow(
                entry.Sequence.ToString(CultureInfo.InvariantCulture),
                Durations.LocalDateTime(TaskHistoryReplay.Utc(entry.At), milliseconds: true),
                Markup.Escape(entry.Type),
                Markup.Escape(entry.TaskId ?? string.Empty),
                entry.Attempt > 0 ? entry.Attempt.ToString(CultureInfo.InvariantCulture) : string.Empty,
                Markup.Escape(entry.Actor),
                Markup.Escape(entry.Status ?? string.Empty),
                Markup.Escape(Details(entry)));
        }

        console.Write(table);
    }

    /// <summary>The context key, the error, the reason, when a retry is due and the checkpoint, as far as the entry has them.</summary>
    private static string Details(HistoryEntry entry)
    {
        var parts = new List<string>(4);
        if (entry.Key is { } key)
        {
            parts.Add("key " + key);
        }

        if (entry.Error is { } error)
        {
            parts.Add($"{error.Category}: {error.Message}");
        }

        if (entry.Reason is { } reason && (entry.Error is null || reason != entry.Error.Message))
        {
            parts.Add(reason);
        }

        if (entry.DueAt is { } due)
        {
            parts.Add("due " + Durations.LocalDateTime(TaskHistoryReplay.Utc(due), milliseconds: true));
        }

        // A rollback's reason names its checkpoint already.
        if (entry.CheckpointId is { } checkpoint)
        {
            var named = string.Create(CultureInfo.InvariantCulture, $"checkpoint {checkpoint}");
            if (entry.Reason?.Contains(named, StringComparison.Ordinal) != true)
            {
                parts.Insert(0, named);
            }
        }

        return string.Join("; ", parts);
    }
}
