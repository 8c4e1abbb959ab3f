namespace FastFlow.Events;

/// <summary>Something that happened to a run or a task. Delivered to in-process subscribers on
/// the thread that caused it; keep observers quick or use a buffered subscription.</summary>
public sealed record FlowEvent
{
    /// <summary>What happened.</summary>
    public required FlowEventType Type { get; init; }

    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The workflow.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>The task, for task events.</summary>
    public string? TaskId { get; init; }

    /// <summary>The attempt, for task events (1 for the first).</summary>
    public int Attempt { get; init; }

    /// <summary>When it happened, by the engine's clock.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The run's status after the event (run events).</summary>
    public RunStatus? RunStatus { get; init; }

    /// <summary>The task's status after the event (task events).</summary>
    public FlowTaskStatus? TaskStatus { get; init; }

    /// <summary>The error, for failures and retries.</summary>
    public TaskError? Error { get; init; }

    /// <summary>For <see cref="FlowEventType.TaskRetrying"/>: the delay before the next attempt.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>A one-line description for logs and terminals.</summary>
    public override string ToString()
    {
        var what = Type.ToWireName();
        var subject = TaskId is null ? RunId : $"{RunId}/{TaskId}" + (Attempt > 1 ? $"#{Attempt}" : string.Empty);
        return Error is null ? $"{what} {subject}" : $"{what} {subject}: {Error}";
    }
}
