namespace FastFlow.Definitions;

/// <summary>Everything a task says about itself besides its id and its dependencies, which the
/// <see cref="TaskTable"/> holds. Every field is optional: unset fields take the workflow's
/// <c>defaults</c>, then the engine defaults. Immutable once built.</summary>
public sealed record TaskOptions
{
    /// <summary>Options that say nothing: a no-op task with every default. Shared by plain builder tasks.</summary>
    public static TaskOptions None { get; } = new();

    /// <summary>A human name.</summary>
    public string? Name { get; init; }

    /// <summary>What the task is for.</summary>
    public string? Description { get; init; }

    /// <summary>A built-in or registered action name (<c>noop</c>, <c>agent_task</c>, ...).</summary>
    public string? Action { get; init; }

    /// <summary>A handler registered with the engine by name.</summary>
    public string? Handler { get; init; }

    /// <summary>The agent an <c>agent_task</c> goes to.</summary>
    public string? AgentId { get; init; }

    /// <summary>Capabilities an agent must have, when no <see cref="AgentId"/> is given.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Multi-agent coordination settings of an <c>agent_task</c>, as written.</summary>
    public IReadOnlyDictionary<string, object?>? Coordination { get; init; }

    /// <summary>Parameters; strings may hold <c>${{ expr }}</c> templates.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }

    /// <summary>A condition; when false the task is skipped.</summary>
    public string? When { get; init; }

    /// <summary>The seed's form of conditions: all must hold.</summary>
    public IReadOnlyList<string>? Conditions { get; init; }

    /// <summary>When the task becomes ready.</summary>
    public TriggerRule? TriggerRule { get; init; }

    /// <summary>Dispatch priority.</summary>
    public TaskPriority? Priority { get; init; }

    /// <summary>Deadline of each attempt, in seconds.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Retry policy.</summary>
    public RetrySettings? Retry { get; init; }

    /// <summary>What a failure does once retries are spent.</summary>
    public FailurePolicy? OnFailure { get; init; }

    /// <summary>What undoes this task in a saga.</summary>
    public CompensationDefinition? Compensation { get; init; }

    /// <summary>The seed's execution mode shorthand.</summary>
    public ExecutionMode? ExecutionMode { get; init; }
}
