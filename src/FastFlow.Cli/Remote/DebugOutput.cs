using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Storage.Runs;
using Spectre.Console;

namespace FastFlow.Cli.Remote;

/// <summary>What <c>debug</c> prints about a run: why it failed, each attempt of each task that
/// did not simply complete (when it ran, how it ended, its error, when it was retried), and the
/// whole history; as text for people or as one JSON object.</summary>
internal static class DebugOutput
{
    /// <summary><c>{ run: &lt;run object&gt;, error, attempts: [ { task, attempt, started_at, ended_at,
    /// outcome, error, retry_due_at } ], entries: [ history entries ] }</c>; attempts of every task.</summary>
    public static void WriteJson(RunReport report, IReadOnlyList<AttemptDetail> attempts, IReadOnlyList<HistoryEntry> history) =>
        JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("run");
            RunJson.Write(writer, report, DateTimeOffset.UtcNow);
            RunJson.WriteError(writer, "error", report.Error);
            writer.WriteStartArray("attempts");
            foreach (var attempt in attempts)
            {
                writer.WriteStartObject();
                writer.WriteString("task", attempt.TaskId);
                writer.WriteNumber("attempt", attempt.Attempt);
                RunJson.WriteTime(writer, "started_at", Utc(attempt.StartedAt));
                RunJson.WriteTime(writer, "ended_at", Utc(attempt.EndedAt));
                writer.WriteString("outcome", attempt.Outcome);
                RunJson.WriteError(writer, "error", TaskHistoryReplay.ToError(attempt.Error));
                RunJson.WriteTime(writer, "retry_due_at", Utc(attempt.RetryDueAt));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            HistoryJson.WriteEntries(writer, history);
            writer.WriteEndObject();
        });

    public static void WriteText(IAnsiConsole console, RunReport report, IReadOnlyList<AttemptDetail> attempts, IReadOnlyList<HistoryEntry> history, ServerAddress server)
    {
        console.MarkupLine($"[bold]run {Markup.Escape(report.RunId)}[/] of {Markup.Escape(report.WorkflowId)}: {StatusMarkup.Of(report.Status)} (on {Markup.Escape(server.Display)})");
        if (report.Error is { } error)
        {
            console.MarkupLine($"  [red]{Markup.Escape(error.Category.ToWireName())}: {Markup.Escape(error.Message)}[/]");
        }

        var troubled = report.Tasks
            .Where(task => task.Status is not (FlowTaskStatus.Completed or FlowTaskStatus.Skipped) || attempts.Any(a => a.TaskId == task.Id && a.Error is not null))
            .ToList();
        console.WriteLine();
        if (troubled.Count == 0)
        {
            console.MarkupLine("every task completed (or was skipped) without a failed attempt");
        }

        foreach (var task in troubled)
        {
            var times = task.Attempts == 1 ? "1 attempt" : $"{task.Attempts} attempts";
            console.MarkupLine($"[bold]{Markup.Escape(task.Id)}[/]: {StatusMarkup.Of(task.Status)} after {times}");
            if (task.Error is { } taskError)
            {
                console.MarkupLine($"  last error ({Markup.Escape(taskError.Category.ToWireName())}): {Markup.Escape(taskError.Message)}");
            }

            foreach (var attempt in attempts.Where(a => a.TaskId == task.Id))
            {
                console.MarkupLine("  " + Markup.Escape(Describe(attempt)));
            }
        }

        console.WriteLine();
        console.MarkupLine($"[bold]history[/] ({history.Count.ToString(CultureInfo.InvariantCulture)} entries)");
        HistoryText.Write(console, history);
    }

    /// <summary><c>attempt 2: started 12:00:01.123, failed 12:00:01.200 (77 ms): transient: refused; retry due 12:00:02.200</c>.</summary>
    private static string Describe(AttemptDetail attempt)
    {
        var parts = new List<string>(4);
        if (Utc(attempt.StartedAt) is { } started)
        {
            parts.Add("started " + Durations.Clock(started));
        }

        if (Utc(attempt.EndedAt) is { } ended)
        {
            var took = Utc(attempt.StartedAt) is { } start ? $" ({Durations.Format(ended - start)})" : string.Empty;
            parts.Add($"{attempt.Outcome ?? "ended"} {Durations.Clock(ended)}{took}");
        }
        else if (attempt.RetryDueAt is null)
        {
            parts.Add("not ended (under way, or interrupted by a restart)");
        }

        var text = $"attempt {attempt.Attempt}: {string.Join(", ", parts)}";
        if (attempt.Error is { } error)
        {
            text += $": {error.Category}: {error.Message}";
        }

        if (Utc(attempt.RetryDueAt) is { } due)
        {
            text += "; retry due " + Durations.Clock(due);
        }

        return text;
    }

    private static DateTimeOffset? Utc(DateTime? time) => time is { } value ? TaskHistoryReplay.Utc(value) : null;
}
