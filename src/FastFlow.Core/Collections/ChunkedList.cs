using System.Runtime.CompilerServices;

namespace FastFlow.Collections;

/// <summary>An append-only list stored in fixed-size chunks, so that growing it never copies and
/// never allocates on the large object heap (a chunk stays under 85,000 bytes). Builders of very
/// large definitions append to these, then copy out once.</summary>
internal struct ChunkedList<T>
{
    private const int ChunkShift = 11;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    /// <summary>The chunks; all full except the last.</summary>
    private T[][]? _chunks;
    /// <summary>The chunk being filled.</summary>
    private T[]? _current;
    /// <summary>Elements in <see cref="_current"/>.</summary>
    private int _currentCount;
    /// <summary>Chunks in use.</summary>
    private int _chunkCount;

    public readonly int Count => _chunkCount == 0 ? 0 : ((_chunkCount - 1) << ChunkShift) + _currentCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        var current = _current;
        var n = _currentCount;
        if (current is not null && (uint)n < (uint)current.Length)
        {
            current[n] = item;
            _currentCount = n + 1;
            return;
        }

        AddWithNewChunk(item);
    }

    public readonly ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _chunks![index >> ChunkShift][index & ChunkMask];
    }

    /// <summary>Copies every element into <paramref name="destination"/>, which must be at least <see cref="Count"/> long.</summary>
    public readonly void CopyTo(T[] destination)
    {
        for (var c = 0; c < _chunkCount; c++)
        {
            var length = c == _chunkCount - 1 ? _currentCount : ChunkSize;
            Array.Copy(_chunks![c], 0, destination, c << ChunkShift, length);
        }
    }

    public readonly T[] ToArray()
    {
        var result = Count == 0 ? [] : new T[Count];
        CopyTo(result);
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddWithNewChunk(T item)
    {
        _chunks ??= new T[4][];
        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        // The first chunk starts small so that small definitions stay small.
        var size = _chunkCount == 0 ? 16 : ChunkSize;
        if (_chunkCount == 1 && _current!.Length < ChunkSize)
        {
            // Grow the small first chunk to full size in place of adding a second one.
            var grown = new T[ChunkSize];
            Array.Copy(_current, grown, _currentCount);
            _chunks[0] = grown;
            _current = grown;
            if (_currentCount < ChunkSize)
            {
                grown[_currentCount++] = item;
                return;
            }
        }

        var chunk = new T[size];
        _chunks[_chunkCount++] = chunk;
        _current = chunk;
        chunk[0] = item;
        _currentCount = 1;
    }
}
