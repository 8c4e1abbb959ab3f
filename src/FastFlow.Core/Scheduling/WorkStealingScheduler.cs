using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastFlow.Scheduling;

/// <summary>The engine's own work-stealing scheduler: a fixed set of worker threads, a deque per
/// worker, a priority-aware injection queue for work from other threads, stealing between
/// workers, and idle workers that spin briefly and then park until signalled. Work items are
/// structs; nothing is allocated per item.</summary>
internal sealed class WorkStealingScheduler : IDisposable
{
    /// <summary>Bit i set when worker i is parked (or about to park); at most 64 workers.</summary>
    private long _idleMask;
    /// <summary>Workers currently spinning for work; a spinner will find new work itself, so producers need not wake anyone.</summary>
    private int _spinning;
    private volatile bool _stopping;
    private readonly Action<Exception>? _onUnhandled;

    public WorkStealingScheduler(int workerCount, TimeSpan spin, Action<Exception>? onUnhandled = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workerCount, 64);
        _onUnhandled = onUnhandled;
        SpinTicks = (long)(spin.TotalSeconds * Stopwatch.Frequency);
        Workers = new Worker[workerCount];
        for (var i = 0; i < workerCount; i++)
        {
            Workers[i] = new Worker(this, i);
        }

        foreach (var worker in Workers)
        {
            worker.Start();
        }
    }

    public Worker[] Workers { get; }

    public InjectionQueue Injection { get; } = new();

    public long SpinTicks { get; }

    public bool IsStopping => _stopping;

    /// <summary>Work items executed by all workers so far.</summary>
    public long Executed
    {
        get
        {
            long total = 0;
            foreach (var worker in Workers)
            {
                total += Volatile.Read(ref worker.Executed);
            }

            return total;
        }
    }

    /// <summary>Items queued but not started (injection queue plus deques); an estimate.</summary>
    public int QueuedCount
    {
        get
        {
            var count = Injection.Count;
            foreach (var worker in Workers)
            {
                count += worker.Deque.Count;
            }

            return count;
        }
    }

    /// <summary>Queues work from any thread, by priority, and wakes a worker if all are parked.</summary>
    public void Inject(in WorkItem item, TaskPriority priority)
    {
        Injection.Enqueue(item, priority);
        // The enqueue's CAS is a full fence: this read cannot pass it (see Worker.Park).
        if (Volatile.Read(ref _idleMask) != 0 && Volatile.Read(ref _spinning) == 0)
        {
            WakeOne();
        }
    }

    /// <summary>Queues a new run's first work: on this thread's private deque when the thread runs
    /// that run itself (<see cref="Worker.EnterInline"/>), otherwise injected by priority.</summary>
    public void Submit(in WorkItem item, TaskPriority priority)
    {
        if (Worker.Current is { } caller && ReferenceEquals(caller.InlineTarget, item.Target))
        {
            caller.Deque.Push(item);
        }
        else
        {
            Inject(item, priority);
        }
    }

    /// <summary>Queues work on the current worker's deque when called on a worker of this
    /// scheduler, otherwise injects it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispatch(in WorkItem item, TaskPriority priority)
    {
        var worker = Worker.Current;
        if (worker is not null && ReferenceEquals(worker.Scheduler, this))
        {
            Push(worker, item);
        }
        else
        {
            Inject(item, priority);
        }
    }

    /// <summary>Owner-only push onto a worker's deque. Waking is best effort: the pushing worker
    /// will run the item itself if nobody steals it, so a missed wake costs parallelism, never work.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(Worker worker, in WorkItem item)
    {
        if (worker.InlineTarget is { } inline)
        {
            PushInline(worker, inline, item);
            return;
        }

        worker.Deque.Push(item);
        if (Volatile.Read(ref _idleMask) != 0 && Volatile.Read(ref _spinning) == 0)
        {
            WakeOne();
        }
    }

    /// <summary>A calling thread's worker keeps its own run's work on its private deque (no one
    /// can steal it, so no one is woken) and injects any other, where the workers find it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PushInline(Worker worker, SchedulableWork inline, in WorkItem item)
    {
        if (ReferenceEquals(inline, item.Target))
        {
            worker.Deque.Push(item);
        }
        else
        {
            Inject(item, item.Target.HandoffPriority);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void WakeOne()
    {
        while (true)
        {
            var mask = Volatile.Read(ref _idleMask);
            if (mask == 0)
            {
                return;
            }

            var bit = mask & -mask;
            if (Interlocked.CompareExchange(ref _idleMask, mask & ~bit, mask) == mask)
            {
                Workers[BitIndex(bit)].Signal();
                return;
            }
        }
    }

    /// <summary>Becomes the spinner unless another worker already spins.</summary>
    internal bool TryEnterSpinning() => Volatile.Read(ref _spinning) == 0 && Interlocked.CompareExchange(ref _spinning, 1, 0) == 0;

    internal void ExitSpinning(bool foundWork)
    {
        Interlocked.Decrement(ref _spinning);
        // A spinner that found work may leave more behind it: pass the baton so parallelism ramps up.
        if (foundWork && !Injection.IsEmpty)
        {
            WakeOne();
        }
    }

    internal void MarkIdle(Worker worker) => Interlocked.Or(ref _idleMask, 1L << worker.Id);

    /// <summary>Clears the worker's idle bit; false when a producer already claimed (cleared) it.</summary>
    internal bool TryUnmarkIdle(Worker worker)
    {
        var bit = 1L << worker.Id;
        var before = Interlocked.And(ref _idleMask, ~bit);
        return (before & bit) != 0;
    }

    internal bool HasVisibleWork()
    {
        if (!Injection.IsEmpty)
        {
            return true;
        }

        foreach (var worker in Workers)
        {
            if (!worker.Deque.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    internal void ReportUnhandled(Exception exception)
    {
        if (_onUnhandled is null)
        {
            Debug.Fail("Unhandled exception on a FastFlow worker: " + exception);
            return;
        }

        _onUnhandled(exception);
    }

    private static int BitIndex(long bit) => System.Numerics.BitOperations.TrailingZeroCount(bit);

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        foreach (var worker in Workers)
        {
            worker.Signal();
        }

        foreach (var worker in Workers)
        {
            if (!ReferenceEquals(Worker.Current, worker))
            {
                worker.Join();
            }
        }

        foreach (var worker in Workers)
        {
            worker.DisposeEvent();
        }
    }
}
