namespace FastFlow.Execution;

/// <summary>The run's status plus the transient phases between statuses that the engine needs
/// internally. Only <see cref="RunPhaseExtensions.ToStatus"/> is ever shown to users.</summary>
internal enum RunPhase
{
    Pending = 0,
    Running = 1,
    Paused = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
    /// <summary>Graceful cancel: nothing new starts; running handlers may finish.</summary>
    Cancelling = 6,
    /// <summary>A saga is unwinding: nothing new starts; once running tasks settle, compensations run.</summary>
    Compensating = 7,
}

internal static class RunPhaseExtensions
{
    public static RunStatus ToStatus(this RunPhase phase) => phase switch
    {
        RunPhase.Cancelling => RunStatus.Running,
        RunPhase.Compensating => RunStatus.Running,
        _ => (RunStatus)phase,
    };

    public static bool IsTerminal(this RunPhase phase) => phase is RunPhase.Completed or RunPhase.Failed or RunPhase.Cancelled;
}
