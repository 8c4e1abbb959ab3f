using FastFlow.Storage.Buffers;
using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Runs;

public sealed partial class RunStore
{
    // The engine appends a run's entries in bursts from one worker; remembering the last stream
    // name saves building "run/<id>" again on every transition.
#pragma warning disable IDE1006 // t_ for thread statics, as in dotnet/runtime
    /// <summary>The run id whose stream name this thread built last.</summary>
    [ThreadStatic]
    private static string? t_lastRunId;

    /// <summary>The stream name built for <see cref="t_lastRunId"/>.</summary>
    [ThreadStatic]
    private static string? t_lastStream;
#pragma warning restore IDE1006

    /// <summary>Appends an entry to the run's history (stream <c>run/&lt;runId&gt;</c>) and sets its
    /// <see cref="HistoryEntry.Sequence"/>. Safe to call from many threads for the same or
    /// different runs; entries of one run get consecutive sequence numbers in the order the store
    /// takes them. Encodes into a per-thread pooled buffer: no allocation beyond the store's own.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="ticket">The append's ticket, to wait for durability.</param>
    /// <returns>The entry's sequence number: 0, 1, 2, …</returns>
    public long AppendHistory(string runId, HistoryEntry entry, out StoreTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stream = HistoryStream(runId);
        var buffer = PooledBufferWriter.Rent();
        try
        {
            Encode(buffer, stream, RecordKind.RunEvent, CheckpointLevel.Standard, entry);
            var sequence = Store.Append(stream, buffer.WrittenSpan, out ticket);
            entry.Sequence = sequence;
            return sequence;
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    /// <summary>The run's history from <paramref name="fromSequence"/> on, in order; empty when
    /// there is none.</summary>
    /// <exception cref="CorruptRecordException">An entry is damaged; the exception names it
    /// <c>run/&lt;runId&gt;#&lt;sequence&gt;</c>.</exception>
    public IReadOnlyList<HistoryEntry> ReadHistory(string runId, long fromSequence = 0)
    {
        var stored = Store.Read(HistoryStream(runId), fromSequence);
        var entries = new List<HistoryEntry>(stored.Count);
        foreach (var item in stored)
        {
            entries.Add(DecodeEntry(runId, item));
        }

        return entries;
    }

    /// <summary>The run's history from <paramref name="fromSequence"/> on, up to the first damaged
    /// entry, which is reported instead of thrown.</summary>
    public HistoryRead ReadHistoryTolerant(string runId, long fromSequence = 0)
    {
        var stored = Store.Read(HistoryStream(runId), fromSequence);
        var entries = new List<HistoryEntry>(stored.Count);
        foreach (var item in stored)
        {
            try
            {
                entries.Add(DecodeEntry(runId, item));
            }
            catch (CorruptRecordException ex)
            {
                return new HistoryRead(entries, HistoryProblem(runId, item.Sequence, ex));
            }
        }

        return new HistoryRead(entries, null);
    }

    /// <summary>The number of entries in the run's history (the next sequence number).</summary>
    public long GetHistoryLength(string runId) => Store.GetStreamLength(HistoryStream(runId));

    /// <summary>Decodes a history entry and sets its sequence number.</summary>
    private HistoryEntry DecodeEntry(string runId, StreamEntry item)
    {
        try
        {
            var entry = Codec.Decode<HistoryEntry>(item.Data, RecordKind.RunEvent).Value;
            entry.Sequence = item.Sequence;
            return entry;
        }
        catch (CorruptRecordException)
        {
            // Named only now, so that reading intact entries builds no names: the same checks fail
            // the same way, this time with the entry's name in the message.
            Codec.Decode<HistoryEntry>(item.Data, RecordKind.RunEvent, RunKeys.HistoryEntry(runId, item.Sequence));
            throw;
        }
    }

    private static CorruptRecordReport HistoryProblem(string runId, long sequence, CorruptRecordException ex) =>
        new(RunKeys.HistoryEntry(runId, sequence), KindName(RecordKind.RunEvent), ex.Message, sequence);

    /// <summary>The run's history stream name, reusing this thread's last one when it matches.</summary>
    private static string HistoryStream(string runId)
    {
        CheckId(runId);
        if (string.Equals(runId, t_lastRunId, StringComparison.Ordinal))
        {
            return t_lastStream!;
        }

        var stream = RunKeys.History(runId);
        t_lastStream = stream;
        t_lastRunId = runId;
        return stream;
    }
}
