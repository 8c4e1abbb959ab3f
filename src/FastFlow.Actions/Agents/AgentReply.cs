using FastFlow.Actions.Text;
using FastFlow.Data;

namespace FastFlow.Actions.Agents;

/// <summary>What a process or HTTP agent answered, read by the convention of DESIGN §7: success
/// (exit 0, HTTP 2xx) prints the output as JSON (plain text becomes a string); a failure is
/// transient unless the agent printed <c>{ "error": { "category": ..., "message": ... } }</c>.</summary>
internal static class AgentReply
{
    /// <summary>The output of a successful reply; a reply that starts like JSON and is not valid
    /// JSON is an error naming the agent and what it printed, since the agent meant JSON and broke it.</summary>
    public static TaskResult Success(string agentId, string printed)
    {
        if (string.IsNullOrWhiteSpace(printed))
        {
            return TaskResult.Success(null);
        }

        if (PlainData.TryParseJson(printed, out var value))
        {
            return TaskResult.Success(value);
        }

        if (OutputText.LooksLikeJson(printed))
        {
            return TaskResult.Failure(ErrorCategory.Permanent,
                $"Agent '{agentId}' answered with malformed JSON: {Excerpt.Of(printed)}");
        }

        return TaskResult.Success(OutputText.TrimFinalNewline(printed));
    }

    /// <summary>The error of a failed reply: the agent's error object when it printed one (in
    /// <paramref name="primary"/>, else in <paramref name="secondary"/>), else a transient failure
    /// that says how the agent ended (<paramref name="ending"/>) and what it printed.</summary>
    public static TaskResult Failure(string agentId, string ending, string primary, string secondary)
    {
        if (TryErrorObject(agentId, ending, primary, out var error) || TryErrorObject(agentId, ending, secondary, out error))
        {
            return TaskResult.Failure(error);
        }

        var printed = string.IsNullOrWhiteSpace(primary) ? secondary : primary;
        return TaskResult.Failure(ErrorCategory.Transient, $"Agent '{agentId}' {ending}: {Excerpt.Of(printed)}");
    }

    private static bool TryErrorObject(string agentId, string ending, string printed, out TaskError error)
    {
        error = null!;
        if (string.IsNullOrWhiteSpace(printed)
            || !PlainData.TryParseJson(printed, out var value)
            || value is not Dictionary<string, object?> reply
            || !reply.TryGetValue("error", out var body))
        {
            return false;
        }

        switch (body)
        {
            case string message:
                error = new TaskError(ErrorCategory.Transient, $"Agent '{agentId}': {message}");
                return true;
            case Dictionary<string, object?> fields when fields.GetValueOrDefault("message") is string message:
                var categoryName = fields.GetValueOrDefault("category");
                if (categoryName is null)
                {
                    error = new TaskError(ErrorCategory.Transient, $"Agent '{agentId}': {message}");
                }
                else if (categoryName is string name && WireNames.TryParse<ErrorCategory>(name, out var category))
                {
                    error = new TaskError(category.Value, $"Agent '{agentId}': {message}");
                }
                else
                {
                    error = new TaskError(ErrorCategory.Transient,
                        $"Agent '{agentId}': {message} (its error category '{categoryName}' is none of " +
                        $"{string.Join(", ", WireNames.NamesOf<ErrorCategory>())}, so it counts as transient)");
                }

                return true;
            default:
                error = new TaskError(ErrorCategory.Transient,
                    $"Agent '{agentId}' {ending} with an error that is not {{ \"category\": ..., \"message\": ... }}: {Excerpt.Of(printed)}");
                return true;
        }
    }
}
