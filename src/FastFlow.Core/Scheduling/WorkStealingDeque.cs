using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastFlow.Scheduling;

/// <summary>A Chase–Lev work-stealing deque: the owning worker pushes and pops at the bottom
/// (LIFO, cache-warm), other workers steal from the top (FIFO, oldest and usually largest work).
/// Grows by doubling and never shrinks, so a worker in steady state allocates nothing.</summary>
/// <remarks>Memory ordering (after Lê, Pop, Cohen, Zappa Nardelli, "Correct and Efficient
/// Work-Stealing for Weak Memory Models"): the owner publishes an item with a release store of
/// <see cref="_bottom"/>; <see cref="TryPop"/> stores the decremented bottom with a full fence
/// (Interlocked.Exchange) before reading top, so that it and a concurrent thief cannot both take
/// the last item — whoever loses the CAS on top backs off. A thief reads the item before its CAS;
/// the slot cannot be reused before top moves past it, so a torn read only happens when the CAS
/// fails, and the value is then discarded.</remarks>
internal sealed class WorkStealingDeque
{
    /// <summary>Next slot a thief takes; only grows. Padded off <see cref="_bottom"/>'s cache line.</summary>
    private PaddedLong _top;
    /// <summary>Next slot the owner fills.</summary>
    private PaddedLong _bottom;
    /// <summary>The ring; replaced (never mutated in place by growth) when full.</summary>
    private volatile WorkItem[] _items;

    public WorkStealingDeque(int initialCapacity = 256)
    {
        _items = new WorkItem[BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 16))];
    }

    /// <summary>An estimate of the items held; exact only on the owner's thread when no thief runs.</summary>
    public int Count
    {
        get
        {
            var count = Volatile.Read(ref _bottom.Value) - Volatile.Read(ref _top.Value);
            return count < 0 ? 0 : (int)count;
        }
    }

    public bool IsEmpty => Volatile.Read(ref _bottom.Value) <= Volatile.Read(ref _top.Value);

    /// <summary>Owner only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in WorkItem item)
    {
        var bottom = _bottom.Value;
        var top = Volatile.Read(ref _top.Value);
        var items = _items;
        if (bottom - top >= items.Length)
        {
            items = Grow(top, bottom);
        }

        items[(int)bottom & (items.Length - 1)] = item;
        // Release: the item is visible before the new bottom.
        Volatile.Write(ref _bottom.Value, bottom + 1);
    }

    /// <summary>Owner only: takes the newest item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPop(out WorkItem item)
    {
        var bottom = _bottom.Value - 1;
        var items = _items;
        // Full fence: the store of bottom must be visible to thieves before top is read.
        Interlocked.Exchange(ref _bottom.Value, bottom);
        var top = Volatile.Read(ref _top.Value);
        if (top > bottom)
        {
            // Empty: restore.
            _bottom.Value = bottom + 1;
            item = default;
            return false;
        }

        item = items[(int)bottom & (items.Length - 1)];
        if (top != bottom)
        {
            return true;
        }

        // The last item: race the thieves for it on top.
        var won = Interlocked.CompareExchange(ref _top.Value, top + 1, top) == top;
        _bottom.Value = bottom + 1;
        if (!won)
        {
            item = default;
        }

        return won;
    }

    /// <summary>Any thread: takes the oldest item. False when empty or when another thread won the race.</summary>
    public bool TrySteal(out WorkItem item)
    {
        var top = Volatile.Read(ref _top.Value);
        var bottom = Volatile.Read(ref _bottom.Value);
        if (top >= bottom)
        {
            item = default;
            return false;
        }

        var items = _items;
        item = items[(int)top & (items.Length - 1)];
        if (Interlocked.CompareExchange(ref _top.Value, top + 1, top) == top)
        {
            return true;
        }

        item = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WorkItem[] Grow(long top, long bottom)
    {
        var old = _items;
        var grown = new WorkItem[old.Length * 2];
        for (var i = top; i < bottom; i++)
        {
            grown[(int)i & (grown.Length - 1)] = old[(int)i & (old.Length - 1)];
        }

        _items = grown;
        return grown;
    }
}

/// <summary>A long alone on its cache line (128 bytes, for adjacent-line prefetching), so that
/// the owner's and the thieves' counters do not false-share.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
