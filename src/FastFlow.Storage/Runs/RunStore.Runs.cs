using FastFlow.Storage.Buffers;
using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Runs;

public sealed partial class RunStore
{
    /// <summary>Stores a run under <c>run/&lt;runId&gt;</c> and keeps its indexes right: the
    /// <c>active/</c> marker while its status is not terminal, the <c>done/</c> entry (by
    /// <see cref="RunRecord.CompletedAt"/>, else <see cref="RunRecord.UpdatedAt"/>) once it is.
    /// A terminal run saved again as not terminal (a failed run retried) loses its <c>done/</c> entry.</summary>
    /// <returns>The ticket of the last write made.</returns>
    /// <remarks>Costs one read of the marker, and, when the run has none (its first save, or a save
    /// after a terminal one), one read of the previous record.</remarks>
    public StoreTicket SaveRun(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        CheckId(run.RunId, "run.RunId");
        var runKey = RunKeys.Run(run.RunId);
        var buffer = PooledBufferWriter.Rent();
        try
        {
            // Encoded before anything is written: a run that cannot be stored changes nothing.
            Encode(buffer, runKey, RecordKind.RunState, CheckpointLevel.Standard, run);
            return WriteRun(run, runKey, buffer.WrittenSpan);
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    /// <summary>Writes an encoded run record and its index entries.</summary>
    private StoreTicket WriteRun(RunRecord run, string runKey, ReadOnlySpan<byte> record)
    {
        var activeKey = RunKeys.Active(run.RunId);
        var wasActive = Store.TryGet(activeKey, out _);

        // Without a marker the run is new or was terminal, and then has a done/ entry to move or drop.
        var previousDone = wasActive ? [] : DoneKeysOfStoredRun(run.RunId);
        StoreTicket ticket;
        if (IsTerminalStatus(run.Status))
        {
            // Entry, record, then marker: until the marker goes, pruning leaves the run alone.
            var doneKey = RunKeys.Done(ToUtc(run.CompletedAt ?? run.UpdatedAt).Ticks, run.RunId);
            Store.Put(doneKey, s_marker);
            ticket = Store.Put(runKey, record);
            if (wasActive && Store.Delete(activeKey, out var deleted))
            {
                ticket = deleted;
            }

            return DeleteAll(previousDone, except: doneKey, ticket);
        }

        // Marker before record: a run whose record is not terminal is never without its marker.
        if (!wasActive)
        {
            Store.Put(activeKey, s_marker);
        }

        ticket = Store.Put(runKey, record);
        return DeleteAll(previousDone, except: null, ticket);
    }

    /// <summary>Reads a run.</summary>
    /// <returns>The run; <c>null</c> when it is not stored.</returns>
    /// <exception cref="CorruptRecordException">The stored record is damaged.</exception>
    public RunRecord? GetRun(string runId)
    {
        CheckId(runId);
        var key = RunKeys.Run(runId);
        return Store.TryGet(key, out var bytes) ? Codec.Decode<RunRecord>(bytes, RecordKind.RunState, key).Value : null;
    }

    /// <summary>The stored runs, newest <see cref="RunRecord.CreatedAt"/> first (then by run id).
    /// Damaged records are left out (<see cref="Verify"/> reports them).</summary>
    /// <param name="status">Only runs with this status (wire form); every run when <c>null</c>.</param>
    /// <param name="limit">At most this many runs; all when <c>null</c>.</param>
    /// <remarks>Decodes every run record: meant for the CLI and diagnostics, not for the engine's path.</remarks>
    public IReadOnlyList<RunRecord> ListRuns(string? status = null, int? limit = null)
    {
        if (limit is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(limit));
        }

        var runs = new List<RunRecord>();
        foreach (var (key, bytes) in Store.Scan(RunKeys.RunsPrefix))
        {
            if (TryDecode(bytes, RecordKind.RunState, key, out RunRecord? run, out _)
                && (status is null || run.Status == status))
            {
                runs.Add(run);
            }
        }

        runs.Sort(static (a, b) =>
        {
            var byTime = b.CreatedAt.CompareTo(a.CreatedAt);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.RunId, b.RunId);
        });
        if (limit is { } count && runs.Count > count)
        {
            runs.RemoveRange(count, runs.Count - count);
        }

        return runs;
    }

    /// <summary>The ids of the runs that are not terminal (that have an <c>active/</c> marker), in
    /// ordinal order. After a crash the list may name a run whose record is terminal or missing:
    /// check the run's status before resuming it.</summary>
    public IReadOnlyList<string> ListActiveRunIds()
    {
        var markers = Store.Scan(RunKeys.ActivePrefix);
        var ids = new List<string>(markers.Count);
        foreach (var (key, _) in markers)
        {
            ids.Add(key[RunKeys.ActivePrefix.Length..]);
        }

        return ids;
    }

    /// <summary>The <c>done/</c> keys of the run as stored now: the one its terminal record names,
    /// none when the record is missing or not terminal, and when the record is damaged every entry
    /// of the index that names the run.</summary>
    private string[] DoneKeysOfStoredRun(string runId)
    {
        var key = RunKeys.Run(runId);
        if (!Store.TryGet(key, out var bytes))
        {
            return [];
        }

        if (TryDecode(bytes, RecordKind.RunState, key, out RunRecord? previous, out _))
        {
            return IsTerminalStatus(previous.Status)
                ? [RunKeys.Done(ToUtc(previous.CompletedAt ?? previous.UpdatedAt).Ticks, runId)]
                : [];
        }

        return ScanDoneKeys(runId);
    }

    /// <summary>Every <c>done/</c> entry that names <paramref name="runId"/>; reads the whole index.</summary>
    private string[] ScanDoneKeys(string runId)
    {
        var keys = new List<string>();
        foreach (var (key, _) in Store.Scan(RunKeys.DonePrefix))
        {
            if (RunKeys.TryParseDone(key, out _, out var id) && id == runId)
            {
                keys.Add(key);
            }
        }

        return [.. keys];
    }

    /// <summary>Deletes <paramref name="keys"/> but <paramref name="except"/>; returns the ticket of
    /// the last delete, or <paramref name="ticket"/> when none deleted anything.</summary>
    private StoreTicket DeleteAll(string[] keys, string? except, StoreTicket ticket)
    {
        foreach (var key in keys)
        {
            if (key != except && Store.Delete(key, out var deleted))
            {
                ticket = deleted;
            }
        }

        return ticket;
    }

    /// <summary>A time as UTC: local times are converted, unspecified ones taken as UTC (as
    /// MessagePack writes them).</summary>
    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
}
