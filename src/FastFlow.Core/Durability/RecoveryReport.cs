namespace FastFlow.Durability;

/// <summary>What <see cref="FlowEngine.RecoverAsync"/> found and did.</summary>
public sealed class RecoveryReport
{
    /// <summary>Runs that were running or pending and now run again.</summary>
    public IReadOnlyList<string> Resumed { get; init; } = [];

    /// <summary>Runs that were paused and stay paused.</summary>
    public IReadOnlyList<string> Paused { get; init; } = [];

    /// <summary>Runs that could not be recovered, each with the reason (a corrupt run record, a
    /// definition that no longer loads, a handler that is not registered).</summary>
    public IReadOnlyList<RecoveryProblem> Failed { get; init; } = [];

    /// <summary>Runs created to be started later that still wait for their start; they stay pending.</summary>
    public IReadOnlyList<string> AwaitingStart { get; init; } = [];

    /// <summary>Records that failed their checks and were not used: which record, and what the
    /// engine did instead (fell back to an earlier checkpoint, replayed the history, or stopped
    /// the replay there and ran the lost transitions again).</summary>
    public IReadOnlyList<RecoveryProblem> CorruptRecords { get; init; } = [];

    /// <summary>How long recovery took.</summary>
    public TimeSpan Elapsed { get; init; }
}

/// <summary>A run or record recovery could not use as it was.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Where">The record (key, or history stream and sequence).</param>
/// <param name="Message">What was wrong and what the engine did about it.</param>
public sealed record RecoveryProblem(string RunId, string Where, string Message);
