namespace FastFlow.Storage.Stores.Faster;

/// <summary>What <see cref="FasterStateStore.Open"/> found and did to bring the state back.</summary>
public sealed class StoreRecovery
{
    /// <summary>Whether a state checkpoint was recovered (false for a new directory, or when no
    /// checkpoint had completed before the last stop).</summary>
    public bool FromCheckpoint { get; init; }

    /// <summary>The write-ahead log position the checkpoint covers; replay started there.</summary>
    public long CheckpointPosition { get; init; }

    /// <summary>The end of the committed write-ahead log.</summary>
    public long LogEndPosition { get; init; }

    /// <summary>How many log entries were replayed after the checkpoint.</summary>
    public int ReplayedEntries { get; init; }

    /// <summary>Where replay met an entry that failed its checks (a torn or damaged write), if it
    /// did. That entry and the rest of the log after it were not applied.</summary>
    public long? CorruptEntryPosition { get; init; }

    /// <summary>What was wrong with that entry.</summary>
    public string? CorruptionDescription { get; init; }

    /// <summary>Whether the state had to be rebuilt from the whole log because no checkpoint could be
    /// read (a crash during the first checkpoint; the log was never truncated, so nothing is lost).</summary>
    public bool RebuiltFromLog { get; init; }

    /// <summary>Whether a checkpoint was taken at open, so the next open replays nothing of this.</summary>
    public bool CheckpointedAtOpen { get; init; }

    /// <summary>How long recovery took.</summary>
    public TimeSpan Duration { get; init; }
}
