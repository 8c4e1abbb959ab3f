namespace FastFlow.Storage.Runs;

/// <summary>A checkpoint as <see cref="RunStore.ListCheckpoints"/> describes it, without its
/// tasks, context or history. For a corrupt checkpoint only <see cref="CheckpointId"/> (from its
/// key), <see cref="Corrupt"/> and <see cref="Problem"/> are known; the other members are empty.</summary>
/// <param name="CheckpointId">The checkpoint's id within its run.</param>
/// <param name="Level">Its level in wire form; empty when corrupt.</param>
/// <param name="TakenAt">When it was taken (UTC); default when corrupt.</param>
/// <param name="CoversSequence">How many history entries it covers; 0 when corrupt.</param>
/// <param name="RunStatus">The run's status when it was taken; empty when corrupt.</param>
/// <param name="Reason">Why it was taken, if recorded.</param>
/// <param name="Corrupt">Whether the stored record failed a check.</param>
/// <param name="Problem">What was wrong (the <see cref="Records.CorruptRecordException"/> message); <c>null</c> when intact.</param>
public sealed record CheckpointInfo(
    long CheckpointId,
    string Level,
    DateTime TakenAt,
    long CoversSequence,
    string RunStatus,
    string? Reason,
    bool Corrupt,
    string? Problem);
