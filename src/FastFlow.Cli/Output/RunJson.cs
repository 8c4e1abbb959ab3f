using System.Text.Json;
using FastFlow.Data;

namespace FastFlow.Cli.Output;

/// <summary>The <c>--json</c> object of <c>run</c> (DESIGN §7): <c>{ run_id, workflow_id, status,
/// started_at, completed_at, duration_ms, tasks: { id: { status, attempts, output, error } }, outputs }</c>,
/// with wire names for statuses and categories, ISO 8601 UTC times, tasks in declaration order.</summary>
internal static class RunJson
{
    public static void Write(RunResult result) => JsonOutput.Write(writer => Write(writer, result, DateTimeOffset.UtcNow));

    /// <summary>From start to end; to now for a run that has not ended (paused).</summary>
    public static TimeSpan Elapsed(RunResult result, DateTimeOffset now) =>
        result.StartedAt is { } start ? (result.CompletedAt ?? now) - start : TimeSpan.Zero;

    private static void Write(Utf8JsonWriter writer, RunResult result, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteString("run_id", result.RunId);
        writer.WriteString("workflow_id", result.WorkflowId);
        writer.WriteString("status", result.Status.ToWireName());
        WriteTime(writer, "started_at", result.StartedAt);
        WriteTime(writer, "completed_at", result.CompletedAt);
        writer.WriteNumber("duration_ms", (long)Math.Round(Elapsed(result, now).TotalMilliseconds));
        writer.WriteStartObject("tasks");
        foreach (var task in result.Tasks)
        {
            writer.WriteStartObject(task.Id);
            writer.WriteString("status", task.Status.ToWireName());
            writer.WriteNumber("attempts", task.Attempts);
            writer.WritePropertyName("output");
            PlainData.WriteJson(writer, task.Output);
            if (task.Error is { } error)
            {
                writer.WriteStartObject("error");
                writer.WriteString("category", error.Category.ToWireName());
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("error");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WritePropertyName("outputs");
        PlainData.WriteJson(writer, result.Outputs);
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, Durations.Iso(value));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
