namespace FastFlow.Cli;

/// <summary>The process exit codes of DESIGN §7.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked: the files are valid, the run completed.</summary>
    public const int Success = 0;

    /// <summary>The run failed.</summary>
    public const int RunFailed = 1;

    /// <summary>Invalid input: a definition, inputs, an agents file or the arguments.</summary>
    public const int InvalidInput = 2;

    /// <summary>The run was cancelled (Ctrl-C or <c>--timeout</c>).</summary>
    public const int Cancelled = 3;

    /// <summary>The run is waiting or paused: it goes on only when someone resumes it.</summary>
    public const int Waiting = 4;

    /// <summary>The server cannot be reached, or it refused the token (commands with <c>--server</c>).</summary>
    public const int ServerUnavailable = 5;

    /// <summary>The exit code for a run in <paramref name="status"/>: 0 completed, 1 failed, 3
    /// cancelled, 4 paused; 0 for a run that is pending or running (a command that reports a run
    /// without waiting for it, like <c>status</c>, did what was asked).</summary>
    public static int ForRun(RunStatus status) => status switch
    {
        RunStatus.Failed => RunFailed,
        RunStatus.Cancelled => Cancelled,
        RunStatus.Paused => Waiting,
        _ => Success,
    };

    /// <summary>A bug in fastflow itself (sysexits' EX_SOFTWARE); the message says what happened.</summary>
    public const int InternalError = 70;
}
