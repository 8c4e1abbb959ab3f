namespace FastFlow.Definitions;

/// <summary>The <c>defaults</c> block of a workflow: applied to every task that does not say otherwise.</summary>
public sealed record TaskDefaults
{
    /// <summary>No defaults.</summary>
    public static TaskDefaults None { get; } = new();

    /// <summary>Deadline of each attempt, in seconds.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Retry policy.</summary>
    public RetrySettings? Retry { get; init; }

    /// <summary>Trigger rule.</summary>
    public TriggerRule? TriggerRule { get; init; }

    /// <summary>Priority.</summary>
    public TaskPriority? Priority { get; init; }

    /// <summary>Failure policy.</summary>
    public FailurePolicy? OnFailure { get; init; }
}
