using System.Text.Json;
using FastFlow.Cli.Output;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Remote;

/// <summary>The events of a run followed on a server, one line each as they come: timestamped text
/// like <c>run</c>'s progress for pipes (<c>12:00:01.123 task.started extract</c>), or with
/// <c>--json</c> one compact JSON object per line.</summary>
internal sealed class EventLines(TextWriter writer, bool json)
{
    /// <summary>One line per object; non-ASCII text as it is, as the other JSON output.</summary>
    private static readonly JsonWriterOptions s_compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Shows nothing: for a command whose stdout is one JSON object.</summary>
    public static EventLines None { get; } = new(TextWriter.Null, json: false);

    /// <summary>Writes a line about the follow itself (what is followed, a dropped stream).</summary>
    public void Notice(string text)
    {
        if (!json)
        {
            writer.WriteLine(Durations.Clock(DateTimeOffset.Now) + " " + text);
        }
    }

    public void Write(EventMessage item)
    {
        writer.WriteLine(json ? Json(item) : Durations.Clock(item.Time ?? DateTimeOffset.Now) + " " + Describe(item));
        writer.Flush();
    }

    /// <summary><c>task.failed extract (attempt 2): transient: timed out</c>.</summary>
    public static string Describe(EventMessage item)
    {
        var text = item.TaskId is { } task
            ? $"{item.EventType} {task}"
            : $"{item.EventType} {item.WorkflowId}";
        if (item.TaskId is not null && item.Attempt > 1 && item.EventType == "task.started")
        {
            text += $" (attempt {item.Attempt})";
        }

        if (item.Error is { } error)
        {
            text += $": {error.Category}: {error.Message}";
        }

        if (item.RetryDelayMs is { } delay)
        {
            text += $"; attempt {item.Attempt + 1} in {Durations.Format(TimeSpan.FromMilliseconds(delay))}";
        }

        return text;
    }

    /// <summary><c>{ type, run_id, workflow_id, task_id, attempt, time, run_status, task_status, error, retry_delay_ms }</c>.</summary>
    private static string Json(EventMessage item)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_compact))
        {
            json.WriteStartObject();
            json.WriteString("type", item.EventType);
            json.WriteString("run_id", item.RunId);
            json.WriteString("workflow_id", item.WorkflowId);
            json.WriteString("task_id", item.TaskId);
            json.WriteNumber("attempt", item.Attempt);
            RunJson.WriteTime(json, "time", item.Time);
            json.WriteString("run_status", item.RunStatus);
            json.WriteString("task_status", item.TaskStatus);
            RunJson.WriteError(json, "error", RemoteRunReport.ErrorOf(item.Error));
            if (item.RetryDelayMs is { } delay)
            {
                json.WriteNumber("retry_delay_ms", delay);
            }
            else
            {
                json.WriteNull("retry_delay_ms");
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
