namespace FastFlow.Durability;

/// <summary>Types of history entries beyond the public event types (<see cref="Events.FlowEventTypeNames"/>):
/// transitions that are recorded for the audit trail and for recovery but not raised as events.</summary>
internal static class HistoryTypes
{
    /// <summary>A handler or a <c>set</c> task wrote a context value.</summary>
    public const string ContextSet = "context.set";

    /// <summary>A graceful cancel began: handlers were told to stop; the run ends cancelled once they settle.</summary>
    public const string RunCancelling = "workflow.cancelling";

    /// <summary>A saga began: compensations run once every task has settled.</summary>
    public const string RunCompensating = "workflow.compensating";

    /// <summary>A task was compensated.</summary>
    public const string TaskCompensated = "task.compensated";

    /// <summary>A task was cancelled because the run wound down before it ran.</summary>
    public const string TaskCancelled = "task.cancelled";

    /// <summary>The run was restored to a checkpoint; <c>CheckpointId</c> names it.</summary>
    public const string RolledBack = "run.rolled_back";

    /// <summary>The engine restarted and picked the run up again.</summary>
    public const string Recovered = "run.recovered";

    /// <summary>A checkpoint was taken; <c>CheckpointId</c> names it.</summary>
    public const string CheckpointTaken = "checkpoint.taken";
}
