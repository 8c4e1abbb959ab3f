namespace FastFlow;

/// <summary>What happens when a task fails once its retries are spent (<c>on_failure</c>).</summary>
public enum FailurePolicy : byte
{
    /// <summary>The run fails and its tasks in flight are cancelled. The default.</summary>
    Fail = 0,
    /// <summary>The task ends failed; the run goes on and this failure does not fail it. Task level only.</summary>
    Skip = 1,
    /// <summary>The run pauses for a person: resume retries the task, skip skips it.</summary>
    Pause = 2,
    /// <summary>Saga: compensate every completed task in reverse completion order, then fail the run.</summary>
    Compensate = 3,
}
