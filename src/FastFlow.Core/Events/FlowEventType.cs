namespace FastFlow.Events;

/// <summary>The events of DESIGN §7, in-process and (later) streamed over the protocol.</summary>
public enum FlowEventType : byte
{
    /// <summary>A run was created (pending).</summary>
    WorkflowCreated = 0,
    /// <summary>A run started.</summary>
    WorkflowStarted = 1,
    /// <summary>A run paused.</summary>
    WorkflowPaused = 2,
    /// <summary>A paused run resumed.</summary>
    WorkflowResumed = 3,
    /// <summary>A run completed.</summary>
    WorkflowCompleted = 4,
    /// <summary>A run failed.</summary>
    WorkflowFailed = 5,
    /// <summary>A run was cancelled.</summary>
    WorkflowCancelled = 6,
    /// <summary>An attempt of a task started.</summary>
    TaskStarted = 7,
    /// <summary>A task completed.</summary>
    TaskCompleted = 8,
    /// <summary>A task failed for good (or timed out, or was skipped by its failure policy).</summary>
    TaskFailed = 9,
    /// <summary>An attempt failed and another will follow after a delay.</summary>
    TaskRetrying = 10,
    /// <summary>An approval gate waits for a person.</summary>
    ApprovalRequired = 11,
    /// <summary>An alert rule fired.</summary>
    AlertRaised = 12,
    /// <summary>A task was skipped (its condition was false or its trigger rule could not be met).</summary>
    TaskSkipped = 13,
}

/// <summary>Wire names of event types.</summary>
public static class FlowEventTypeNames
{
    private static readonly string[] s_names =
    [
        "workflow.created", "workflow.started", "workflow.paused", "workflow.resumed", "workflow.completed",
        "workflow.failed", "workflow.cancelled", "task.started", "task.completed", "task.failed", "task.retrying",
        "approval.required", "alert.raised", "task.skipped",
    ];

    /// <summary>The dotted wire name, e.g. <c>task.completed</c>.</summary>
    public static string ToWireName(this FlowEventType type) => s_names[(int)type];
}
