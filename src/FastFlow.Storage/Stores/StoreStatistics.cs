namespace FastFlow.Storage.Stores;

/// <summary>Counts and sizes of a store at one moment, for diagnostics. Sizes are 0 where a store has
/// no such thing (the in-memory store has no log).</summary>
public sealed class StoreStatistics
{
    /// <summary>How many records exist.</summary>
    public long RecordCount { get; init; }

    /// <summary>How many streams exist.</summary>
    public long StreamCount { get; init; }

    /// <summary>How many stream entries exist, over all streams.</summary>
    public long StreamEntryCount { get; init; }

    /// <summary>The ticket of the last write.</summary>
    public StoreTicket LastTicket { get; init; }

    /// <summary>The last ticket known durable.</summary>
    public StoreTicket DurableTicket { get; init; }

    /// <summary>How many commits of the write-ahead log this instance made.</summary>
    public long Commits { get; init; }

    /// <summary>How many state checkpoints this instance took.</summary>
    public long Checkpoints { get; init; }

    /// <summary>How many compactions of the state log this instance ran.</summary>
    public long Compactions { get; init; }

    /// <summary>Bytes of write-ahead log kept (from its begin to its tail).</summary>
    public long LogBytes { get; init; }

    /// <summary>Bytes of the state log kept (from its begin to its tail), live data and garbage alike.</summary>
    public long StateLogBytes { get; init; }

    /// <summary>The last failure of background maintenance (checkpoint or compaction), if any; the
    /// next maintenance tries again.</summary>
    public string? LastMaintenanceError { get; init; }
}
