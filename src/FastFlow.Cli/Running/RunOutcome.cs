using FastFlow.Cli.Output;

namespace FastFlow.Cli.Running;

/// <summary>How a run this process ran (or resumed) ended for the CLI.</summary>
/// <param name="Result">The run's final result, or its snapshot when it paused.</param>
/// <param name="Progress">What the events showed: task timings.</param>
/// <param name="Interrupted">Cancelled by Ctrl-C or SIGTERM.</param>
/// <param name="TimedOut">Cancelled by <c>--timeout</c>.</param>
internal sealed record RunOutcome(RunResult Result, RunProgress Progress, bool Interrupted, bool TimedOut)
{
    /// <summary>The run as the summary and <c>--json</c> show it.</summary>
    public RunReport Report() => RunReport.From(Result, Progress);

    /// <summary>The exit code of DESIGN §7 for this outcome.</summary>
    public int ExitCode => ExitCodes.ForRun(Result.Status);
}
