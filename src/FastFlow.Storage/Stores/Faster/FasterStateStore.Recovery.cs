using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

public sealed partial class FasterStateStore
{
    /// <summary>
    /// Brings the state up to the end of the committed log: replays the log entries after the
    /// position the recovered checkpoint covers, then rebuilds the in-memory indexes (record keys,
    /// stream lengths) from the state. Replay stops at the first entry that fails its checks, since
    /// nothing after a torn or damaged entry can be trusted to be in order; the checkpoint taken at
    /// open then covers the log's end, so that region is never read again.
    /// </summary>
    private StoreRecovery Recover()
    {
        var started = Stopwatch.GetTimestamp();
        var checkpoint = _files.CheckpointPosition;
        var logEnd = _wal.CommittedUntilAddress;
        var replayed = 0;
        long? corruptAt = null;
        string? corruption = null;

        if (checkpoint < _wal.BeginAddress)
        {
            throw new StateStoreCorruptException(string.Create(CultureInfo.InvariantCulture,
                $"The state checkpoint in '{_directory}' covers the write-ahead log up to position {checkpoint}, but the log begins at {_wal.BeginAddress}: the writes in between are lost. Restore the directory from a backup."));
        }

        // A checkpoint may be ahead of the committed log: it became durable before the log commit
        // up to its position did (MaintainAsync). It still holds exactly the writes before its
        // position, a prefix of the writes, so nothing is replayed; the checkpoint taken at open
        // (covering the log's end) makes the log's next entries the ones replayed after it.
        var checkpointAhead = checkpoint > logEnd;
        if (checkpoint < logEnd)
        {
            (replayed, corruptAt, corruption) = Replay(checkpoint, logEnd);
        }

        RebuildIndexes();
        var end = _wal.TailAddress;
        _appliedUntil = end;
        _lastTicket = end;
        _checkpointPosition = checkpoint;
        return new StoreRecovery
        {
            FromCheckpoint = _files.RecoveredCheckpoint,
            CheckpointPosition = checkpoint,
            LogEndPosition = logEnd,
            ReplayedEntries = replayed,
            CorruptEntryPosition = corruptAt,
            CorruptionDescription = corruption,
            RebuiltFromLog = _files.StateReset,
            CheckpointedAtOpen = replayed > 0 || corruptAt is not null || checkpointAhead || _files.StateReset,
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    private (int Replayed, long? CorruptAt, string? Corruption) Replay(long from, long until)
    {
        var replayed = 0;
        using var iterator = _wal.Scan(from, until);
        while (true)
        {
            byte[] bytes;
            int length;
            long address;
            try
            {
                if (!iterator.GetNext(out bytes, out length, out address, out _))
                {
                    return (replayed, null, null);
                }
            }
            catch (FasterException ex)
            {
                // FasterLog's own checksum, checked for pages read from disk.
                return (replayed, iterator.NextAddress, "FasterLog refused the entry: " + ex.Message);
            }

            // The state's key and value are applied from pinned memory (FASTER keeps pointers).
            if (_entryScratch.Length < length)
            {
                _entryScratch = GC.AllocateUninitializedArray<byte>(length, pinned: true);
            }

            var entry = _entryScratch.AsSpan(0, length);
            bytes.AsSpan(0, length).CopyTo(entry);
            if (!WalEntry.TryRead(entry, out var op, out var key, out var payload, out var problem))
            {
                return (replayed, address, "the entry " + problem);
            }

            switch (op)
            {
                case WalOp.Put:
                case WalOp.Append:
                    _writer.Upsert(key, payload);
                    break;
                case WalOp.Delete:
                    _writer.Delete(key);
                    break;
                case WalOp.DeleteStream:
                    DeleteStreamEntries(key, BinaryPrimitives.ReadInt64LittleEndian(payload));
                    break;
            }

            replayed++;
        }
    }

    /// <summary>The bytes a record takes in FasterKV's log: its header, then the key and the value,
    /// each with a 4-byte length and padded to 8 bytes.</summary>
    private static int RecordSize(int keyLength, int valueLength) =>
        8 + ((4 + keyLength + 7) & ~7) + ((4 + valueLength + 7) & ~7);

    /// <summary>
    /// Reads every live key of the state into <see cref="_keys"/> and <see cref="_streams"/>, and
    /// measures the live bytes (<see cref="_liveStateBytes"/>), by
    /// scanning the state log from its begin address: a later record of a key supersedes an earlier
    /// one (updates in place add none, copies and tombstones are appended), so the last record of
    /// each key says whether it is live. FasterKV's own live-record iterator
    /// (<c>ClientSession.Iterate</c>) is not used: in FASTER 2.6.5 it skips about a quarter of the
    /// live <see cref="SpanByte"/> records of a log over one page (docs/storage.md).
    /// </summary>
    private void RebuildIndexes()
    {
        // Per key: whether its last record is live, and that record's size in the log.
        var records = new Dictionary<string, (bool Live, int Size)>(StringComparer.Ordinal);
        var entries = new Dictionary<(string Stream, long Sequence), (bool Live, int Size)>();
        using (var iterator = _state.Log.Scan(_state.Log.BeginAddress, _state.Log.TailAddress))
        {
            while (iterator.GetNext(out var info))
            {
                if (info.Invalid)
                {
                    continue;
                }

                var key = iterator.GetKey().AsReadOnlySpan();
                var size = RecordSize(key.Length, iterator.GetValue().Length);
                if (KvKeys.IsRecordKey(key))
                {
                    records[KvKeys.RecordName(key)] = (!info.Tombstone, size);
                }
                else if (KvKeys.IsStreamEntryKey(key))
                {
                    var stream = KvKeys.StreamName(key, out var sequence);
                    entries[(stream, sequence)] = (!info.Tombstone, size);
                }
                else
                {
                    throw new StateStoreCorruptException(string.Create(CultureInfo.InvariantCulture,
                        $"The state in '{_directory}' holds a key that is neither a record's nor a stream entry's ({key.Length} bytes, first byte {(key.IsEmpty ? -1 : key[0])})."));
                }
            }
        }

        var liveBytes = 0L;
        foreach (var (name, (live, size)) in records)
        {
            if (live)
            {
                _keys.Add(name);
                liveBytes += size;
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var ((stream, sequence), (live, size)) in entries)
        {
            if (live)
            {
                _streams[stream] = Math.Max(_streams.GetValueOrDefault(stream), sequence + 1);
                counts[stream] = counts.GetValueOrDefault(stream) + 1;
                liveBytes += size;
            }
        }

        _liveStateBytes = liveBytes;

        // Entries are deleted only a whole stream at a time, so a stream is always 0 to length - 1.
        foreach (var (stream, length) in _streams)
        {
            if (counts[stream] != length)
            {
                throw new StateStoreCorruptException(string.Create(CultureInfo.InvariantCulture,
                    $"The stream '{stream}' in '{_directory}' has {counts[stream]} entries but its last is number {length - 1}: entries are missing."));
            }

            _streamEntries += length;
        }
    }
}
