using System.Collections.Concurrent;

namespace FastFlow.Scheduling;

/// <summary>Work that arrives from outside the workers — new runs, async completions, timers,
/// gated dispatch — ordered by priority, first in first out within a priority. Each priority has
/// a fixed ring; a burst larger than the ring spills into an overflow queue rather than being
/// refused, because these items are already-admitted work (admission control happens at
/// submission, not here).</summary>
internal sealed class InjectionQueue
{
    private const int PriorityCount = 4;
    private readonly MpmcRing[] _rings;
    private readonly ConcurrentQueue<WorkItem>[] _overflow;
    /// <summary>Items in the overflow queues, so the common empty check skips them.</summary>
    private int _overflowCount;

    public InjectionQueue(int ringCapacity = 4096)
    {
        _rings = new MpmcRing[PriorityCount];
        _overflow = new ConcurrentQueue<WorkItem>[PriorityCount];
        for (var i = 0; i < PriorityCount; i++)
        {
            _rings[i] = new MpmcRing(ringCapacity);
            _overflow[i] = new ConcurrentQueue<WorkItem>();
        }
    }

    public bool IsEmpty
    {
        get
        {
            for (var i = PriorityCount - 1; i >= 0; i--)
            {
                if (!_rings[i].IsEmpty)
                {
                    return false;
                }
            }

            return Volatile.Read(ref _overflowCount) == 0;
        }
    }

    public int Count
    {
        get
        {
            var count = Volatile.Read(ref _overflowCount);
            foreach (var ring in _rings)
            {
                count += ring.Count;
            }

            return count;
        }
    }

    public void Enqueue(in WorkItem item, TaskPriority priority)
    {
        var level = (int)priority;
        // While anything has spilled, new items spill too: the ring then only holds items older
        // than the overflow's, and draining ring-first keeps first in, first out.
        if (Volatile.Read(ref _overflowCount) == 0 && _rings[level].TryEnqueue(item))
        {
            return;
        }

        Interlocked.Increment(ref _overflowCount);
        _overflow[level].Enqueue(item);
    }

    /// <summary>Takes the oldest item of the highest priority that has one.</summary>
    public bool TryDequeue(out WorkItem item)
    {
        for (var level = PriorityCount - 1; level >= 0; level--)
        {
            if (_rings[level].TryDequeue(out item))
            {
                return true;
            }

            if (Volatile.Read(ref _overflowCount) != 0 && _overflow[level].TryDequeue(out item))
            {
                Interlocked.Decrement(ref _overflowCount);
                return true;
            }
        }

        item = default;
        return false;
    }
}
