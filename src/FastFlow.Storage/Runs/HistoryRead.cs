namespace FastFlow.Storage.Runs;

/// <summary>What <see cref="RunStore.ReadHistoryTolerant"/> could read of a run's history: the
/// entries before the first corrupt one, and that one.</summary>
public sealed class HistoryRead
{
    /// <summary>Creates the result of a read.</summary>
    public HistoryRead(IReadOnlyList<HistoryEntry> entries, CorruptRecordReport? stoppedAt)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        StoppedAt = stoppedAt;
    }

    /// <summary>The entries read, in order, up to (not including) the first corrupt one.</summary>
    public IReadOnlyList<HistoryEntry> Entries { get; }

    /// <summary>The first corrupt entry, where reading stopped; <c>null</c> when every entry was intact.</summary>
    public CorruptRecordReport? StoppedAt { get; }

    /// <summary>Whether every entry from the requested sequence on was read.</summary>
    public bool Complete => StoppedAt is null;
}
