namespace FastFlow;

/// <summary>The status of one task of a run. Named so that it never collides with
/// <see cref="System.Threading.Tasks.TaskStatus"/> in user code.</summary>
public enum FlowTaskStatus : byte
{
    /// <summary>Waiting for its dependencies.</summary>
    Pending = 0,
    /// <summary>Ready and handed to a worker or an agent, not yet started.</summary>
    Assigned = 1,
    /// <summary>An attempt is executing.</summary>
    InProgress = 2,
    /// <summary>Waiting on something outside the engine: a retry delay, a timer, an approval, an agent slot.</summary>
    Waiting = 3,
    /// <summary>Finished successfully.</summary>
    Completed = 4,
    /// <summary>Finished with an error once its retries were spent.</summary>
    Failed = 5,
    /// <summary>Not run: its condition was false or its trigger rule could not be met.</summary>
    Skipped = 6,
    /// <summary>Its last attempt passed <c>timeout_seconds</c>.</summary>
    Timeout = 7,
    /// <summary>Cancelled with its run, or abandoned by a failing run.</summary>
    Cancelled = 8,
    /// <summary>Completed, then undone by its compensation during a saga rollback.</summary>
    Compensated = 9,
}
