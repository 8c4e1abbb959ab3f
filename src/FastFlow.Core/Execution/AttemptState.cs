using FastFlow.Scheduling;

namespace FastFlow.Execution;

/// <summary>Bookkeeping of the current attempt of a task that is not on the hot path (it retries,
/// times out, or ran asynchronously). The generation tells a late completion of an abandoned
/// attempt (timed out, run failed) from the current one, so it is ignored.</summary>
internal sealed class AttemptState
{
    /// <summary>Bumped when an attempt starts or is abandoned; guarded by <see cref="Lock"/>.</summary>
    public int Generation;
    /// <summary>True while an attempt executes (between start and its accepted end).</summary>
    public bool Running;
    /// <summary>The attempt's own token source when it has a timeout.</summary>
    public CancellationTokenSource? Cancellation;
    /// <summary>The attempt's timeout, or the retry delay being waited.</summary>
    public TimerHandle Timer;
    /// <summary>True when the attempt's timeout fired.</summary>
    public bool TimedOut;
    public readonly object Lock = new();
}
