namespace FastFlow.Storage.Runs;

/// <summary>What <see cref="RunStore.Verify"/> found.</summary>
public sealed class VerifyReport
{
    /// <summary>Creates a report.</summary>
    public VerifyReport(long recordsChecked, long historyEntriesChecked, IReadOnlyList<CorruptRecordReport> corrupt)
    {
        ArgumentNullException.ThrowIfNull(corrupt);
        RecordsChecked = recordsChecked;
        HistoryEntriesChecked = historyEntriesChecked;
        Corrupt = corrupt;
    }

    /// <summary>How many records (definitions, runs, checkpoints) were decoded, corrupt ones included.</summary>
    public long RecordsChecked { get; }

    /// <summary>How many history entries were decoded, corrupt ones included.</summary>
    public long HistoryEntriesChecked { get; }

    /// <summary>Every record and history entry that failed a check, in the order found.</summary>
    public IReadOnlyList<CorruptRecordReport> Corrupt { get; }

    /// <summary>Whether nothing was corrupt.</summary>
    public bool AllGood => Corrupt.Count == 0;
}
