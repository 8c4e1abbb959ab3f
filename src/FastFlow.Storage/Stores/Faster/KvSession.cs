using System.Diagnostics.CodeAnalysis;
using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// A FasterKV session over byte keys and values. A FASTER session may move between threads but is
/// used by one at a time: the writer's under the store's write lock, readers' rented from a
/// <see cref="KvSessionPool"/>. Keys and values passed in must not move while a call runs (stack
/// memory or pinned arrays): FASTER's <see cref="SpanByte"/> holds a raw pointer to them.
/// </summary>
internal sealed class KvSession : IDisposable
{
    /// <summary>Copies values out as new arrays.</summary>
    private static readonly SpanByteFunctions_ByteArrayOutput<Empty> s_functions = new();

    private readonly ClientSession<SpanByte, SpanByte, SpanByte, byte[], Empty, SpanByteFunctions_ByteArrayOutput<Empty>> _session;

    /// <summary>Opens a session on <paramref name="kv"/>.</summary>
    public KvSession(FasterKV<SpanByte, SpanByte> kv) =>
        _session = kv.For(s_functions).NewSession<SpanByteFunctions_ByteArrayOutput<Empty>>();

    /// <summary>Reads a value; waits for the disk when the record is not in memory.</summary>
    public bool TryRead(ReadOnlySpan<byte> fixedKey, [NotNullWhen(true)] out byte[]? value)
    {
        var key = SpanByte.FromFixedSpan(fixedKey);
        byte[] output = null!;
        var status = _session.Read(ref key, ref output);
        if (status.IsPending)
        {
            _session.CompletePendingWithOutputs(out var outputs, wait: true);
            using (outputs)
            {
                if (!outputs.Next())
                {
                    throw new InvalidOperationException("FASTER completed a pending read without an output.");
                }

                status = outputs.Current.Status;
                output = outputs.Current.Output;
            }
        }

        value = status.Found ? output : null;
        return status.Found;
    }

    /// <summary>Creates or replaces a record.</summary>
    public void Upsert(ReadOnlySpan<byte> fixedKey, ReadOnlySpan<byte> fixedValue)
    {
        var key = SpanByte.FromFixedSpan(fixedKey);
        var value = SpanByte.FromFixedSpan(fixedValue);
        if (_session.Upsert(ref key, ref value).IsPending)
        {
            _session.CompletePending(wait: true);
        }
    }

    /// <summary>Deletes a record (writes a tombstone).</summary>
    public void Delete(ReadOnlySpan<byte> fixedKey)
    {
        var key = SpanByte.FromFixedSpan(fixedKey);
        if (_session.Delete(ref key).IsPending)
        {
            _session.CompletePending(wait: true);
        }
    }

    /// <summary>Copies the live records below <paramref name="untilAddress"/> to the tail and moves the
    /// log's begin address there; the files are released by the next checkpoint.</summary>
    public long Compact(long untilAddress) => _session.Compact(untilAddress, CompactionType.Lookup);

    /// <summary>Refreshes the session's epoch, which lets FASTER's state machine (a checkpoint) move on.</summary>
    public void Refresh() => _session.Refresh();

    /// <summary>Iterates the live records (deleted ones are skipped).</summary>
    public IFasterScanIterator<SpanByte, SpanByte> Iterate() => _session.Iterate();

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
