using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace FastFlow.Storage.Stores.Faster;

// Every write has the same shape: under _writeLock (EnterWrite), lay the log entry out in pinned
// scratch memory, append it to the log, apply it to the state and the indexes, and publish its
// position. When the log's memory is full the write leaves the lock, waits for space and starts
// again from scratch (nothing of it happened yet), so no thread waits on the lock behind a thread
// waiting for the disk.

public sealed partial class FasterStateStore
{
    /// <inheritdoc />
    public StoreTicket Put(string key, ReadOnlySpan<byte> value)
    {
        var nameBytes = StoreArguments.CheckName(key);
        CheckValueLength(value.Length, nameof(value));
        _gate.Enter(this);
        try
        {
            while (true)
            {
                using (EnterWrite())
                {
                    var keyLength = KvKeys.RecordKeyLength(nameBytes);
                    var entry = LayOut(WalOp.Put, keyLength, value.Length);
                    var kvKey = WalEntry.Key(entry, keyLength);
                    KvKeys.WriteRecordKey(kvKey, key);
                    var kvValue = WalEntry.Payload(entry, keyLength);
                    value.CopyTo(kvValue);
                    if (TryLog(entry, out var end))
                    {
                        _writer.Upsert(kvKey, kvValue);
                        if (!_keys.Contains(key))
                        {
                            lock (_indexLock)
                            {
                                _keys.Add(key);
                            }
                        }

                        return Published(end);
                    }
                }

                WaitForLogSpace();
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <inheritdoc />
    public bool Delete(string key) => Delete(key, out _);

    /// <inheritdoc />
    public bool Delete(string key, out StoreTicket ticket)
    {
        var nameBytes = StoreArguments.CheckName(key);
        _gate.Enter(this);
        try
        {
            while (true)
            {
                using (EnterWrite())
                {
                    if (!_keys.Contains(key))
                    {
                        ticket = LastTicket;
                        return false;
                    }

                    var keyLength = KvKeys.RecordKeyLength(nameBytes);
                    var entry = LayOut(WalOp.Delete, keyLength, 0);
                    var kvKey = WalEntry.Key(entry, keyLength);
                    KvKeys.WriteRecordKey(kvKey, key);
                    if (TryLog(entry, out var end))
                    {
                        lock (_indexLock)
                        {
                            _keys.Remove(key);
                        }

                        _writer.Delete(kvKey);
                        ticket = Published(end);
                        return true;
                    }
                }

                WaitForLogSpace();
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <inheritdoc />
    public long Append(string stream, ReadOnlySpan<byte> entry) => Append(stream, entry, out _);

    /// <inheritdoc />
    public long Append(string stream, ReadOnlySpan<byte> entry, out StoreTicket ticket)
    {
        var nameBytes = StoreArguments.CheckName(stream);
        CheckValueLength(entry.Length, nameof(entry));
        _gate.Enter(this);
        try
        {
            while (true)
            {
                using (EnterWrite())
                {
                    _streams.TryGetValue(stream, out var sequence);
                    var keyLength = KvKeys.StreamEntryKeyLength(nameBytes);
                    var logEntry = LayOut(WalOp.Append, keyLength, entry.Length);
                    var kvKey = WalEntry.Key(logEntry, keyLength);
                    KvKeys.WriteStreamEntryKey(kvKey, stream, sequence);
                    var kvValue = WalEntry.Payload(logEntry, keyLength);
                    entry.CopyTo(kvValue);
                    if (TryLog(logEntry, out var end))
                    {
                        _writer.Upsert(kvKey, kvValue);
                        lock (_indexLock)
                        {
                            _streams[stream] = sequence + 1;
                            _streamEntries++;
                        }

                        ticket = Published(end);
                        return sequence;
                    }
                }

                WaitForLogSpace();
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <inheritdoc />
    public StoreTicket DeleteStream(string stream)
    {
        var nameBytes = StoreArguments.CheckName(stream);
        _gate.Enter(this);
        try
        {
            while (true)
            {
                using (EnterWrite())
                {
                    if (!_streams.TryGetValue(stream, out var length))
                    {
                        return LastTicket;
                    }

                    var keyLength = KvKeys.StreamPrefixLength(nameBytes);
                    var entry = LayOut(WalOp.DeleteStream, keyLength, 8);
                    var prefix = WalEntry.Key(entry, keyLength);
                    KvKeys.WriteStreamPrefix(prefix, stream);
                    BinaryPrimitives.WriteInt64LittleEndian(WalEntry.Payload(entry, keyLength), length);
                    if (TryLog(entry, out var end))
                    {
                        // Out of the index first, so that readers stop before the entries go.
                        lock (_indexLock)
                        {
                            _streams.Remove(stream);
                            _streamEntries -= length;
                        }

                        DeleteStreamEntries(prefix, length);
                        return Published(end);
                    }
                }

                WaitForLogSpace();
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Takes the write lock, once writers are not paused (<see cref="PauseWriters"/>). A paused writer
    /// waits outside the lock on a task, a wait the thread pool makes up for with another thread.
    /// </summary>
    private Lock.Scope EnterWrite()
    {
        while (true)
        {
            Volatile.Read(ref _writersPaused)?.Task.GetAwaiter().GetResult();
            var scope = _writeLock.EnterScope();

            // Paused after the check above: PauseWriters then waits for this lock, so let it in.
            if (_writersPaused is null)
            {
                return scope;
            }

            scope.Dispose();
        }
    }

    /// <summary>Stops writes: returns once no write runs, and none starts until <see cref="ResumeWriters"/>.
    /// For the moments when the state must not change (a checkpoint's cut, a compaction).</summary>
    private void PauseWriters()
    {
        Volatile.Write(ref _writersPaused, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        // A writer inside the lock finishes; one that enters after this sees the pause and leaves.
        lock (_writeLock)
        {
        }
    }

    /// <summary>Lets writes run again.</summary>
    private void ResumeWriters() => Interlocked.Exchange(ref _writersPaused, null)?.TrySetResult();

    /// <summary>Deletes the entries 0 to <paramref name="length"/> - 1 of the stream with
    /// <paramref name="prefix"/> from the state (at write time and on replay).</summary>
    private void DeleteStreamEntries(ReadOnlySpan<byte> prefix, long length)
    {
        var key = _keyScratch.AsSpan(0, prefix.Length + 8);
        prefix.CopyTo(key);
        for (long sequence = 0; sequence < length; sequence++)
        {
            KvKeys.WriteSequence(key[prefix.Length..], sequence);
            _writer.Delete(key);
        }
    }

    /// <summary>Lays out the header of a log entry in the pinned scratch memory; the caller fills in
    /// its key and payload. Under <see cref="_writeLock"/>.</summary>
    private Span<byte> LayOut(WalOp op, int keyLength, int payloadLength)
    {
        var length = WalEntry.Length(keyLength, payloadLength);
        if (_entryScratch.Length < length)
        {
            _entryScratch = GC.AllocateUninitializedArray<byte>((int)Math.Max(length, Math.Min(2L * _entryScratch.Length, int.MaxValue)), pinned: true);
        }

        var entry = _entryScratch.AsSpan(0, length);
        WalEntry.WriteHeader(entry, op, keyLength);
        return entry;
    }

    /// <summary>Seals an entry and appends it to the log, which copies it into its page (no disk
    /// write here); false when the log's memory is full of pages not yet flushed. Under
    /// <see cref="_writeLock"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="end">The log position after the entry.</param>
    private bool TryLog(Span<byte> entry, out long end)
    {
        WalEntry.Seal(entry);
        if (!_wal.TryEnqueue(entry, out _))
        {
            end = 0;
            return false;
        }

        // No other thread enqueues (writes hold _writeLock), so the tail is the end of this entry.
        end = _wal.TailAddress;
        return true;
    }

    /// <summary>
    /// Waits, outside the write lock, while the log's memory is full of pages being flushed: the
    /// back-pressure of a disk slower than the writes. FasterLog flushes a page as soon as the tail
    /// leaves it, on the device's own thread (<see cref="FileDevice"/>), so space comes back
    /// without a commit and without the thread pool; a short sleep and a retry are enough.
    /// FasterLog's own <c>Enqueue</c> would spin here holding the write lock.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WaitForLogSpace() => Thread.Sleep(1);

    /// <summary>Makes a write's position known once its state update is done: the checkpoint may
    /// claim it, waiters may wait for it. Under <see cref="_writeLock"/>.</summary>
    private StoreTicket Published(long end)
    {
        Volatile.Write(ref _appliedUntil, end);
        Volatile.Write(ref _lastTicket, end);
        _committer.NotifyWritten(end);
        if (end - Volatile.Read(ref _checkpointPosition) >= _options.CheckpointLogBytes)
        {
            ScheduleMaintenance();
        }

        return new StoreTicket(end);
    }

    private void CheckValueLength(int length, string paramName)
    {
        if (length > _options.MaxValueBytes)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"A value or stream entry of this store is at most {_options.MaxValueBytes} bytes (StateStoreOptions.PageSizeBytes {_options.PageSizeBytes} less room for the key); this one has {length}."),
                paramName);
        }
    }
}
