namespace FastFlow.Definitions;

/// <summary>What undoes a completed task during a saga rollback: an action or a registered handler
/// with its parameters (templates may refer to the compensated task's output).</summary>
public sealed record CompensationDefinition
{
    /// <summary>A built-in action name, e.g. <c>api_call</c>.</summary>
    public string? Action { get; init; }

    /// <summary>A registered handler name.</summary>
    public string? Handler { get; init; }

    /// <summary>Parameters of the compensation; strings may hold <c>${{ }}</c> templates.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }
}
