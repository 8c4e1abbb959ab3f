using System.Buffers;
using System.Runtime.CompilerServices;

namespace FastFlow.Storage.Buffers;

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>,
/// used as scratch space while a record is encoded or decoded. Instances are cached per thread
/// (<see cref="Rent"/>, <see cref="Return"/>); the arrays are not: <see cref="Return"/> gives the
/// array back to the pool, so a thread that once handled a large record keeps nothing large.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>
{
    /// <summary>The smallest array rented.</summary>
    private const int MinimumLength = 256;

    // dotnet/runtime names thread statics t_; .editorconfig cannot tell them from other statics.
    // Two per thread: decoding a migrated record needs a source and a destination at once.
#pragma warning disable IDE1006
    [ThreadStatic]
    private static PooledBufferWriter? t_first;

    [ThreadStatic]
    private static PooledBufferWriter? t_second;
#pragma warning restore IDE1006

    /// <summary>The rented array, or an empty one when nothing is rented.</summary>
    private byte[] _buffer = [];

    /// <summary>How many bytes of <see cref="_buffer"/> have been written.</summary>
    private int _written;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>How many bytes have been written.</summary>
    public int WrittenCount => _written;

    /// <summary>Takes this thread's cached writer, or a new one when both are in use.</summary>
    public static PooledBufferWriter Rent()
    {
        var writer = t_first;
        if (writer is not null)
        {
            t_first = null;
            return writer;
        }

        writer = t_second;
        if (writer is not null)
        {
            t_second = null;
            return writer;
        }

        return new PooledBufferWriter();
    }

    /// <summary>Returns the writer's array to the pool and caches the writer on this thread.</summary>
    public static void Return(PooledBufferWriter writer)
    {
        writer.Clear();
        if (t_first is null)
        {
            t_first = writer;
        }
        else
        {
            t_second ??= writer;
        }
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            ThrowAdvancedTooFar();
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets what was written and returns the array to the pool.</summary>
    public void Clear()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureFree(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written < sizeHint)
        {
            Grow(sizeHint);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        var needed = (long)_written + sizeHint;
        if (needed > Array.MaxLength)
        {
            throw new OutOfMemoryException($"A record buffer cannot grow past {Array.MaxLength} bytes.");
        }

        var doubled = Math.Min((long)_buffer.Length * 2, Array.MaxLength);
        var length = (int)Math.Max(Math.Max(needed, doubled), MinimumLength);
        var next = ArrayPool<byte>.Shared.Rent(length);
        var previous = _buffer;
        previous.AsSpan(0, _written).CopyTo(next);
        _buffer = next;
        if (previous.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(previous);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAdvancedTooFar() =>
        throw new InvalidOperationException("Cannot advance past the end of the buffer.");
}
