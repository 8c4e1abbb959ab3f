using System.Diagnostics.CodeAnalysis;
using FastFlow.Storage.Stores;

namespace FastFlow.Core.Tests.Durability;

/// <summary>A store that "dies" after a number of writes: every write from then on throws and
/// lands nowhere, as if the process had been killed between two writes. Reads keep working, so a
/// second engine can recover from what landed.</summary>
internal sealed class CrashingStore(IStateStore inner, int writesBeforeCrash) : IStateStore
{
    private readonly TaskCompletionSource _crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writesLeft = writesBeforeCrash;

    /// <summary>Completes at the first write refused.</summary>
    public Task Crashed => _crashed.Task;

    /// <summary>The store as the restarted process sees it: the same data, writable again.</summary>
    public IStateStore Inner => inner;

    private void Write()
    {
        if (Interlocked.Decrement(ref _writesLeft) < 0)
        {
            _crashed.TrySetResult();
            throw new SimulatedCrashException();
        }
    }

    public StoreDurability Durability => inner.Durability;

    public StoreTicket LastTicket => inner.LastTicket;

    public StoreTicket Put(string key, ReadOnlySpan<byte> value)
    {
        Write();
        return inner.Put(key, value);
    }

    public bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value) => inner.TryGet(key, out value);

    public bool Delete(string key)
    {
        Write();
        return inner.Delete(key);
    }

    public bool Delete(string key, out StoreTicket ticket)
    {
        Write();
        return inner.Delete(key, out ticket);
    }

    public IReadOnlyList<KeyValuePair<string, byte[]>> Scan(string prefix) => inner.Scan(prefix);

    public long Append(string stream, ReadOnlySpan<byte> entry)
    {
        Write();
        return inner.Append(stream, entry);
    }

    public long Append(string stream, ReadOnlySpan<byte> entry, out StoreTicket ticket)
    {
        Write();
        return inner.Append(stream, entry, out ticket);
    }

    public IReadOnlyList<StreamEntry> Read(string stream, long fromSequence = 0) => inner.Read(stream, fromSequence);

    public long GetStreamLength(string stream) => inner.GetStreamLength(stream);

    public StoreTicket DeleteStream(string stream)
    {
        Write();
        return inner.DeleteStream(stream);
    }

    public ValueTask WaitDurableAsync(StoreTicket ticket, CancellationToken cancellationToken = default) => inner.WaitDurableAsync(ticket, cancellationToken);

    public ValueTask CompactAsync(CancellationToken cancellationToken = default) => inner.CompactAsync(cancellationToken);

    public StoreStatistics GetStatistics() => inner.GetStatistics();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("simulated crash: the process is gone")
    {
    }

    public SimulatedCrashException(string message) : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception inner) : base(message, inner)
    {
    }
}
