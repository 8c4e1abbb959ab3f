using System.Diagnostics.CodeAnalysis;

namespace FastFlow.Storage.Stores;

/// <summary>
/// An <see cref="IStateStore"/> in memory, for tests and ephemeral engines: the same contract as
/// the FASTER store, without files. Nothing survives the process, so durability is trivially
/// satisfied: <see cref="WaitDurableAsync"/> completes at once in every mode. One lock guards
/// everything; values are copied in and out, so callers never share arrays with the store.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, byte[]> _records = new(StringComparer.Ordinal);
    private readonly OrdinalKeySet _keys = new();
    private readonly Dictionary<string, List<byte[]>> _streams = new(StringComparer.Ordinal);
    private long _streamEntries;
    private long _lastTicket;
    private bool _disposed;

    /// <summary>Creates an empty store; only <see cref="StateStoreOptions.Durability"/> of
    /// <paramref name="options"/> matters (it is reported, not enforced).</summary>
    public InMemoryStateStore(StateStoreOptions? options = null)
    {
        options ??= new StateStoreOptions();
        options.Validate();
        Durability = options.Durability;
    }

    /// <inheritdoc />
    public StoreDurability Durability { get; }

    /// <inheritdoc />
    public StoreTicket LastTicket => new(Volatile.Read(ref _lastTicket));

    /// <inheritdoc />
    public StoreTicket Put(string key, ReadOnlySpan<byte> value)
    {
        StoreArguments.CheckName(key);
        var copy = value.ToArray();
        lock (_lock)
        {
            ThrowIfDisposed();
            if (_records.TryAdd(key, copy))
            {
                _keys.Add(key);
            }
            else
            {
                _records[key] = copy;
            }

            return NextTicket();
        }
    }

    /// <inheritdoc />
    public bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value)
    {
        StoreArguments.CheckName(key);
        lock (_lock)
        {
            ThrowIfDisposed();
            if (_records.TryGetValue(key, out var stored))
            {
                value = stored.AsSpan().ToArray();
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public bool Delete(string key) => Delete(key, out _);

    /// <inheritdoc />
    public bool Delete(string key, out StoreTicket ticket)
    {
        StoreArguments.CheckName(key);
        lock (_lock)
        {
            ThrowIfDisposed();
            if (!_records.Remove(key))
            {
                ticket = LastTicket;
                return false;
            }

            _keys.Remove(key);
            ticket = NextTicket();
            return true;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, byte[]>> Scan(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_lock)
        {
            ThrowIfDisposed();
            var keys = _keys.WithPrefix(prefix);
            var result = new List<KeyValuePair<string, byte[]>>(keys.Count);
            foreach (var key in keys)
            {
                result.Add(new KeyValuePair<string, byte[]>(key, _records[key].AsSpan().ToArray()));
            }

            return result;
        }
    }

    /// <inheritdoc />
    public long Append(string stream, ReadOnlySpan<byte> entry) => Append(stream, entry, out _);

    /// <inheritdoc />
    public long Append(string stream, ReadOnlySpan<byte> entry, out StoreTicket ticket)
    {
        StoreArguments.CheckName(stream);
        var copy = entry.ToArray();
        lock (_lock)
        {
            ThrowIfDisposed();
            if (!_streams.TryGetValue(stream, out var entries))
            {
                entries = [];
                _streams.Add(stream, entries);
            }

            entries.Add(copy);
            _streamEntries++;
            ticket = NextTicket();
            return entries.Count - 1;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StreamEntry> Read(string stream, long fromSequence = 0)
    {
        StoreArguments.CheckName(stream);
        StoreArguments.CheckFromSequence(fromSequence);
        lock (_lock)
        {
            ThrowIfDisposed();
            if (!_streams.TryGetValue(stream, out var entries) || fromSequence >= entries.Count)
            {
                return [];
            }

            var result = new List<StreamEntry>(entries.Count - (int)fromSequence);
            for (var sequence = (int)fromSequence; sequence < entries.Count; sequence++)
            {
                result.Add(new StreamEntry(sequence, entries[sequence].AsSpan().ToArray()));
            }

            return result;
        }
    }

    /// <inheritdoc />
    public long GetStreamLength(string stream)
    {
        StoreArguments.CheckName(stream);
        lock (_lock)
        {
            ThrowIfDisposed();
            return _streams.TryGetValue(stream, out var entries) ? entries.Count : 0;
        }
    }

    /// <inheritdoc />
    public StoreTicket DeleteStream(string stream)
    {
        StoreArguments.CheckName(stream);
        lock (_lock)
        {
            ThrowIfDisposed();
            if (!_streams.Remove(stream, out var entries))
            {
                return LastTicket;
            }

            _streamEntries -= entries.Count;
            return NextTicket();
        }
    }

    /// <inheritdoc />
    public ValueTask WaitDurableAsync(StoreTicket ticket, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTicket(ticket, LastTicket);
        lock (_lock)
        {
            ThrowIfDisposed();
        }

        return cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled(cancellationToken) : default;
    }

    /// <inheritdoc />
    public ValueTask CompactAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
        }

        return default;
    }

    /// <inheritdoc />
    public StoreStatistics GetStatistics()
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            return new StoreStatistics
            {
                RecordCount = _records.Count,
                StreamCount = _streams.Count,
                StreamEntryCount = _streamEntries,
                LastTicket = LastTicket,
                DurableTicket = LastTicket,
            };
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _disposed = true;
            _records.Clear();
            _streams.Clear();
        }

        return default;
    }

    private StoreTicket NextTicket()
    {
        // Under _lock; the volatile write lets LastTicket read without it.
        var ticket = _lastTicket + 1;
        Volatile.Write(ref _lastTicket, ticket);
        return new StoreTicket(ticket);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
