using System.Diagnostics.CodeAnalysis;

namespace FastFlow.Storage.Stores.Faster;

public sealed partial class FasterStateStore
{
    /// <inheritdoc />
    public bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value)
    {
        StoreArguments.CheckName(key);
        Span<byte> kvKey = stackalloc byte[KvKeys.MaxLength];
        kvKey = kvKey[..KvKeys.WriteRecordKey(kvKey, key)];
        _gate.Enter(this);
        var session = _readers.Rent();
        try
        {
            return session.TryRead(kvKey, out value);
        }
        finally
        {
            _readers.Return(session);
            _gate.Exit();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, byte[]>> Scan(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        _gate.Enter(this);
        try
        {
            List<string> keys;
            lock (_indexLock)
            {
                keys = _keys.WithPrefix(prefix);
            }

            var result = new List<KeyValuePair<string, byte[]>>(keys.Count);
            if (keys.Count == 0)
            {
                return result;
            }

            Span<byte> kvKey = stackalloc byte[KvKeys.MaxLength];
            var session = _readers.Rent();
            try
            {
                foreach (var key in keys)
                {
                    // A key deleted since the index was read is skipped.
                    if (session.TryRead(kvKey[..KvKeys.WriteRecordKey(kvKey, key)], out var value))
                    {
                        result.Add(new KeyValuePair<string, byte[]>(key, value));
                    }
                }
            }
            finally
            {
                _readers.Return(session);
            }

            return result;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StreamEntry> Read(string stream, long fromSequence = 0)
    {
        StoreArguments.CheckName(stream);
        StoreArguments.CheckFromSequence(fromSequence);
        _gate.Enter(this);
        try
        {
            long length;
            lock (_indexLock)
            {
                _streams.TryGetValue(stream, out length);
            }

            if (fromSequence >= length)
            {
                return [];
            }

            var result = new List<StreamEntry>((int)Math.Min(length - fromSequence, 4096));
            Span<byte> kvKey = stackalloc byte[KvKeys.MaxLength];
            var prefixLength = KvKeys.WriteStreamPrefix(kvKey, stream);
            kvKey = kvKey[..(prefixLength + 8)];
            var session = _readers.Rent();
            try
            {
                for (var sequence = fromSequence; sequence < length; sequence++)
                {
                    KvKeys.WriteSequence(kvKey[prefixLength..], sequence);

                    // Missing only when the stream was deleted since its length was read.
                    if (!session.TryRead(kvKey, out var data))
                    {
                        break;
                    }

                    result.Add(new StreamEntry(sequence, data));
                }
            }
            finally
            {
                _readers.Return(session);
            }

            return result;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <inheritdoc />
    public long GetStreamLength(string stream)
    {
        StoreArguments.CheckName(stream);
        _gate.Enter(this);
        try
        {
            lock (_indexLock)
            {
                return _streams.TryGetValue(stream, out var length) ? length : 0;
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <inheritdoc />
    public ValueTask WaitDurableAsync(StoreTicket ticket, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTicket(ticket, LastTicket);
        ObjectDisposedException.ThrowIf(_gate.IsClosed, this);
        return _committer.WaitDurableAsync(ticket.Position, cancellationToken);
    }
}
