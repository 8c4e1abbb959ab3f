namespace FastFlow;

/// <summary>The status of a run. Legal moves: pending → running → completed | failed | cancelled,
/// running ⇄ paused, failed → running (retry the run), pending → cancelled.</summary>
public enum RunStatus : byte
{
    /// <summary>Created, not started.</summary>
    Pending = 0,
    /// <summary>Tasks are being dispatched.</summary>
    Running = 1,
    /// <summary>Nothing new starts; what was running finishes; resume continues.</summary>
    Paused = 2,
    /// <summary>Every task is done and no failure was left unhandled.</summary>
    Completed = 3,
    /// <summary>A failure was left unhandled, the deadline passed, or a saga compensated.</summary>
    Failed = 4,
    /// <summary>Cancelled by a user, gracefully or forcibly.</summary>
    Cancelled = 5,
}
