using FastFlow.Protocol;

namespace FastFlow.Server.Requests;

/// <summary>Reads the priority a client asked for.</summary>
internal static class PriorityNames
{
    /// <summary>The priority named by <paramref name="text"/>: low, normal (or medium), high or
    /// critical, any case; normal when null.</summary>
    /// <exception cref="RequestException"><see cref="ErrorCode.InvalidRequest"/> listing the allowed values.</exception>
    public static TaskPriority Parse(string? text)
    {
        if (text is null)
        {
            return TaskPriority.Normal;
        }

        if (WireNames.TryParse<TaskPriority>(text, out var priority))
        {
            return priority.Value;
        }

        const string Allowed = "low, normal (or medium), high or critical";
        throw new RequestException(ErrorCode.InvalidRequest,
            $"priority '{text}' is not a priority: use {Allowed}.",
            [WireDiagnostics.Field("priority", $"'{text}' is not a priority", $"use {Allowed}")]);
    }
}
