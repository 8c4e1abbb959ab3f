using System.Text.Json;
using FastFlow.Data;

namespace FastFlow.Cli.Output;

/// <summary>The <c>--json</c> object of <c>run</c> (DESIGN §7): <c>{ run_id, workflow_id, status,
/// started_at, completed_at, duration_ms, tasks: { id: { status, attempts, output, error } }, outputs }</c>,
/// with wire names for statuses and categories, ISO 8601 UTC times, tasks in declaration order.
/// <c>status</c>, <c>resume</c> and <c>cancel</c> print the same object.</summary>
internal static class RunJson
{
    public static void Write(RunReport report) => JsonOutput.Write(writer => Write(writer, report, DateTimeOffset.UtcNow));

    /// <summary>Writes the object where the writer is (as a property value, say).</summary>
    public static void Write(Utf8JsonWriter writer, RunReport report, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteString("run_id", report.RunId);
        writer.WriteString("workflow_id", report.WorkflowId);
        writer.WriteString("status", report.Status.ToWireName());
        WriteTime(writer, "started_at", report.StartedAt);
        WriteTime(writer, "completed_at", report.CompletedAt);
        writer.WriteNumber("duration_ms", (long)Math.Round(report.Elapsed(now).TotalMilliseconds));
        writer.WriteStartObject("tasks");
        foreach (var task in report.Tasks)
        {
            writer.WriteStartObject(task.Id);
            writer.WriteString("status", task.Status.ToWireName());
            writer.WriteNumber("attempts", task.Attempts);
            writer.WritePropertyName("output");
            PlainData.WriteJson(writer, task.Output);
            WriteError(writer, "error", task.Error);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WritePropertyName("outputs");
        PlainData.WriteJson(writer, report.Outputs);
        writer.WriteEndObject();
    }

    /// <summary><c>{ category, message }</c>, or <c>null</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, string name, TaskError? error)
    {
        if (error is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("category", error.Category.ToWireName());
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    }

    /// <summary>An ISO 8601 UTC time, or <c>null</c>.</summary>
    public static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
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
