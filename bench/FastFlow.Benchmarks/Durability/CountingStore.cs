using System.Diagnostics.CodeAnalysis;
using FastFlow.Storage.Stores;

namespace FastFlow.Benchmarks.Durability;

/// <summary>A store that counts the calls made to the one it wraps, to show what a run costs in
/// store operations (the engine's journal calls these, through the run records).</summary>
internal sealed class CountingStore(IStateStore inner) : IStateStore
{
    private long _puts;
    private long _putBytes;
    private long _deletes;
    private long _appends;
    private long _appendBytes;
    private long _reads;
    private long _scans;
    private long _waits;

    public StoreDurability Durability => inner.Durability;

    public StoreTicket LastTicket => inner.LastTicket;

    /// <summary>The counts so far, as one line per <paramref name="runs"/> runs.</summary>
    public string PerRun(int runs) =>
        $"puts {Per(_puts, runs)} ({Per(_putBytes, runs)} B), deletes {Per(_deletes, runs)}, appends {Per(_appends, runs)} ({Per(_appendBytes, runs)} B), " +
        $"reads {Per(_reads, runs)}, scans {Per(_scans, runs)}, durability waits {Per(_waits, runs)}";

    public void Reset()
    {
        Interlocked.Exchange(ref _puts, 0);
        Interlocked.Exchange(ref _putBytes, 0);
        Interlocked.Exchange(ref _deletes, 0);
        Interlocked.Exchange(ref _appends, 0);
        Interlocked.Exchange(ref _appendBytes, 0);
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _scans, 0);
        Interlocked.Exchange(ref _waits, 0);
    }

    public StoreTicket Put(string key, ReadOnlySpan<byte> value)
    {
        Interlocked.Increment(ref _puts);
        Interlocked.Add(ref _putBytes, value.Length);
        return inner.Put(key, value);
    }

    public bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value)
    {
        Interlocked.Increment(ref _reads);
        return inner.TryGet(key, out value);
    }

    public bool Delete(string key)
    {
        Interlocked.Increment(ref _deletes);
        return inner.Delete(key);
    }

    public bool Delete(string key, out StoreTicket ticket)
    {
        Interlocked.Increment(ref _deletes);
        return inner.Delete(key, out ticket);
    }

    public IReadOnlyList<KeyValuePair<string, byte[]>> Scan(string prefix)
    {
        Interlocked.Increment(ref _scans);
        return inner.Scan(prefix);
    }

    public long Append(string stream, ReadOnlySpan<byte> entry) => Append(stream, entry, out _);

    public long Append(string stream, ReadOnlySpan<byte> entry, out StoreTicket ticket)
    {
        Interlocked.Increment(ref _appends);
        Interlocked.Add(ref _appendBytes, entry.Length);
        return inner.Append(stream, entry, out ticket);
    }

    public IReadOnlyList<StreamEntry> Read(string stream, long fromSequence = 0)
    {
        Interlocked.Increment(ref _reads);
        return inner.Read(stream, fromSequence);
    }

    public long GetStreamLength(string stream) => inner.GetStreamLength(stream);

    public StoreTicket DeleteStream(string stream)
    {
        Interlocked.Increment(ref _deletes);
        return inner.DeleteStream(stream);
    }

    public ValueTask WaitDurableAsync(StoreTicket ticket, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _waits);
        return inner.WaitDurableAsync(ticket, cancellationToken);
    }

    public ValueTask CompactAsync(CancellationToken cancellationToken = default) => inner.CompactAsync(cancellationToken);

    public StoreStatistics GetStatistics() => inner.GetStatistics();

    /// <summary>Does not dispose the wrapped store: its owner does.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Per(long count, int runs) => (count / (double)runs).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
