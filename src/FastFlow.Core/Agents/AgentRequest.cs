using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastFlow.Data;

namespace FastFlow.Agents;

/// <summary>One attempt of an <c>agent_task</c> as an agent receives it (DESIGN §7):
/// <c>{ run_id, workflow_id, task_id, attempt, idempotency_key, agent_id, action, parameters,
/// inputs, context, upstream }</c>. Process agents read it as JSON on stdin, HTTP agents as the
/// body of a POST. <c>upstream</c> maps each task this one depends on to its output, so that an
/// agent can combine what came before it.</summary>
public sealed class AgentRequest
{
    private static readonly IReadOnlyDictionary<string, object?> s_empty = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Readable rather than HTML-safe text: agents and people read it, browsers do not.</summary>
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 260,
    };

    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The workflow's id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>The task's id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The attempt number, 1 for the first.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary><c>runId/taskId/attempt</c>; the same when an attempt is re-run after a crash.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The agent the request was sent to.</summary>
    public required string AgentId { get; init; }

    /// <summary>The task's action (<c>agent_task</c>).</summary>
    public required string Action { get; init; }

    /// <summary>The task's parameters, templates resolved.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = s_empty;

    /// <summary>The run's inputs.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; init; } = s_empty;

    /// <summary>A snapshot of the run's context.</summary>
    public IReadOnlyDictionary<string, object?> Context { get; init; } = s_empty;

    /// <summary>The output of each task this one depends on, by task id.</summary>
    public IReadOnlyDictionary<string, object?> Upstream { get; init; } = s_empty;

    /// <summary>The request for an attempt, sent to <paramref name="agentId"/>.</summary>
    /// <param name="context">The attempt.</param>
    /// <param name="agentId">The agent chosen.</param>
    /// <param name="upstreamTasks">The tasks whose outputs go into <see cref="Upstream"/>; by default
    /// the tasks the attempt's task depends on.</param>
    public static AgentRequest FromContext(TaskContext context, string agentId, IReadOnlyList<string>? upstreamTasks = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        upstreamTasks ??= context.DependencyIds;
        var upstream = s_empty;
        if (upstreamTasks is { Count: > 0 })
        {
            var outputs = new Dictionary<string, object?>(upstreamTasks.Count, StringComparer.Ordinal);
            foreach (var task in upstreamTasks)
            {
                outputs[task] = context.GetOutput(task);
            }

            upstream = outputs;
        }

        return new AgentRequest
        {
            RunId = context.RunId,
            WorkflowId = context.WorkflowId,
            TaskId = context.TaskId,
            Attempt = context.Attempt,
            IdempotencyKey = context.IdempotencyKey,
            AgentId = agentId,
            Action = context.Action,
            Parameters = context.Parameters,
            Inputs = context.Inputs,
            Context = context.Context,
            Upstream = upstream,
        };
    }

    /// <summary>Writes the request as one JSON object with snake_case names.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("run_id", RunId);
        writer.WriteString("workflow_id", WorkflowId);
        writer.WriteString("task_id", TaskId);
        writer.WriteNumber("attempt", Attempt);
        writer.WriteString("idempotency_key", IdempotencyKey);
        writer.WriteString("agent_id", AgentId);
        writer.WriteString("action", Action);
        writer.WritePropertyName("parameters");
        PlainData.WriteJson(writer, Parameters);
        writer.WritePropertyName("inputs");
        PlainData.WriteJson(writer, Inputs);
        writer.WritePropertyName("context");
        PlainData.WriteJson(writer, Context);
        writer.WritePropertyName("upstream");
        PlainData.WriteJson(writer, Upstream);
        writer.WriteEndObject();
    }

    /// <summary>The request as UTF-8 JSON, compact.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            WriteJson(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The request as JSON text, compact.</summary>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());

    /// <inheritdoc/>
    public override string ToString() => ToJson();
}
