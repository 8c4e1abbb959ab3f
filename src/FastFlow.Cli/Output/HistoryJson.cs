using System.Text.Json;
using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Output;

/// <summary>The <c>--json</c> object of <c>history</c>: <c>{ run_id, entries: [ { sequence, at, type,
/// task, attempt, actor, status, reason, error, due_at, checkpoint_id } ], damaged }</c>.</summary>
internal static class HistoryJson
{
    public static void Write(string runId, HistoryRead history) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("run_id", runId);
        WriteEntries(writer, history.Entries);
        if (history.StoppedAt is { } damage)
        {
            writer.WriteStartObject("damaged");
            writer.WriteString("where", damage.Where);
            writer.WriteString("problem", damage.Problem);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("damaged");
        }

        writer.WriteEndObject();
    });

    /// <summary>The <c>entries</c> array (also in the object of <c>debug</c>).</summary>
    public static void WriteEntries(Utf8JsonWriter writer, IReadOnlyList<HistoryEntry> entries)
    {
        writer.WriteStartArray("entries");
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence", entry.Sequence);
            RunJson.WriteTime(writer, "at", TaskHistoryReplay.Utc(entry.At));
            writer.WriteString("type", entry.Type);
            writer.WriteString("task", entry.TaskId);
            writer.WriteNumber("attempt", entry.Attempt);
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("status", entry.Status);
            writer.WriteString("reason", entry.Reason);
            RunJson.WriteError(writer, "error", TaskHistoryReplay.ToError(entry.Error));
            RunJson.WriteTime(writer, "due_at", entry.DueAt is { } due ? TaskHistoryReplay.Utc(due) : null);
            if (entry.CheckpointId is { } checkpoint)
            {
                writer.WriteNumber("checkpoint_id", checkpoint);
            }
            else
            {
                writer.WriteNull("checkpoint_id");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
