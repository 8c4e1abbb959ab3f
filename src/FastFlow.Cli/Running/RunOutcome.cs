namespace FastFlow.Cli.Running;

/// <summary>How a local run ended for the CLI.</summary>
/// <param name="Result">The run's final result, or its snapshot when it paused.</param>
/// <param name="Progress">What the events showed: task timings.</param>
/// <param name="Interrupted">Cancelled by Ctrl-C or SIGTERM.</param>
/// <param name="TimedOut">Cancelled by <c>--timeout</c>.</param>
internal sealed record RunOutcome(RunResult Result, RunProgress Progress, bool Interrupted, bool TimedOut)
{
    /// <summary>The run paused (a failure with <c>on_failure: pause</c>) and cannot go on locally.</summary>
    public bool Paused => Result.Status == RunStatus.Paused;

    /// <summary>The exit code of DESIGN §7 for this outcome.</summary>
    public int ExitCode => Result.Status switch
    {
        RunStatus.Completed => ExitCodes.Success,
        RunStatus.Failed => ExitCodes.RunFailed,
        RunStatus.Cancelled => ExitCodes.Cancelled,
        _ => ExitCodes.Waiting,
    };
}
