namespace FastFlow;

/// <summary>Thrown when an operation asks a run for a move its state machine does not allow
/// (resuming a running run, cancelling a completed one...). Never a silent no-op.</summary>
public sealed class InvalidRunTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InvalidRunTransitionException(string runId, RunStatus from, RunStatus to)
        : base($"Run {runId} is {from.ToWireName()}; it cannot become {to.ToWireName()}. {Hint(from, to)}")
    {
        RunId = runId;
        From = from;
        To = to;
    }

    /// <summary>Creates the exception.</summary>
    public InvalidRunTransitionException() : base("Illegal run transition.") => RunId = string.Empty;

    /// <summary>Creates the exception.</summary>
    public InvalidRunTransitionException(string message) : base(message) => RunId = string.Empty;

    /// <summary>Creates the exception.</summary>
    public InvalidRunTransitionException(string message, Exception innerException) : base(message, innerException) => RunId = string.Empty;

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The status it was in.</summary>
    public RunStatus From { get; }

    /// <summary>The status that was asked for.</summary>
    public RunStatus To { get; }

    private static string Hint(RunStatus from, RunStatus to) => (from, to) switch
    {
        (RunStatus.Running, RunStatus.Running) => "It is already running.",
        (_, RunStatus.Running) => "Only a paused run can be resumed.",
        (_, RunStatus.Paused) => "Only a running run can be paused.",
        (_, RunStatus.Cancelled) => "A run that has ended cannot be cancelled.",
        _ => "See DESIGN §3 for the legal moves.",
    };
}
