using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastFlow.Scheduling;

/// <summary>A bounded multi-producer multi-consumer FIFO of work items (Dmitry Vyukov's
/// algorithm): each slot carries a sequence number that says whether it is free for the producer
/// of a given lap or full for its consumer, so producers and consumers meet only on their own
/// counter's CAS. Fixed capacity; never allocates after construction.</summary>
internal sealed class MpmcRing
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    /// <summary>Next position to dequeue; padded from <see cref="_tail"/>.</summary>
    private PaddedLong _head;
    /// <summary>Next position to enqueue.</summary>
    private PaddedLong _tail;

    public MpmcRing(int capacity)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 2));
        _slots = new Slot[size];
        _mask = size - 1;
        for (var i = 0; i < size; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    public int Capacity => _slots.Length;

    public bool IsEmpty => Volatile.Read(ref _head.Value) >= Volatile.Read(ref _tail.Value);

    public int Count
    {
        get
        {
            var count = Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value);
            return count < 0 ? 0 : (int)count;
        }
    }

    /// <summary>False when full.</summary>
    public bool TryEnqueue(in WorkItem item)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var position = Volatile.Read(ref _tail.Value);
            ref var slot = ref _slots[(int)position & _mask];
            var sequence = Volatile.Read(ref slot.Sequence);
            var difference = sequence - position;
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _tail.Value, position + 1, position) == position)
                {
                    slot.Item = item;
                    // Release: the item is visible before the slot says it is full.
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return true;
                }
            }
            else if (difference < 0)
            {
                return false;
            }

            spinner.SpinOnce(-1);
        }
    }

    /// <summary>False when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out WorkItem item)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var position = Volatile.Read(ref _head.Value);
            ref var slot = ref _slots[(int)position & _mask];
            var sequence = Volatile.Read(ref slot.Sequence);
            var difference = sequence - (position + 1);
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _head.Value, position + 1, position) == position)
                {
                    item = slot.Item;
                    slot.Item = default;
                    // The slot is free for the producer one lap later.
                    Volatile.Write(ref slot.Sequence, position + _mask + 1);
                    return true;
                }
            }
            else if (difference < 0)
            {
                item = default;
                return false;
            }

            spinner.SpinOnce(-1);
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public long Sequence;
        public WorkItem Item;
    }
}
