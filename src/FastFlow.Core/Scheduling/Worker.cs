using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastFlow.Scheduling;

/// <summary>One scheduler thread with its own work-stealing deque. The loop takes work in this
/// order: every 61st item from the injection queue (so outside work is never starved by a busy
/// deque), then its own deque, then the injection queue, then the other workers' deques; with
/// nothing found it flushes what it batched, spins for a short while, and parks.</summary>
internal sealed class Worker
{
    /// <summary>How often the loop looks at the injection queue first; prime, as in Go's runtime.</summary>
    private const int FairnessInterval = 61;

    // dotnet/runtime names thread statics t_; .editorconfig cannot tell them from other statics.
#pragma warning disable IDE1006
    [ThreadStatic]
    private static Worker? t_current;
    /// <summary>This thread's calling-thread worker, kept for its next inline run.</summary>
    [ThreadStatic]
    private static Worker? t_caller;
#pragma warning restore IDE1006

    private readonly WorkStealingScheduler _scheduler;
    /// <summary>The worker's own thread; null for a calling-thread worker.</summary>
    private readonly Thread? _thread;
    /// <summary>Set by a producer that claimed this worker while it was idle.</summary>
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    /// <summary>xorshift state for choosing steal victims.</summary>
    private uint _random;
    private int _tick;

    public Worker(WorkStealingScheduler scheduler, int id)
    {
        _scheduler = scheduler;
        Id = id;
        _random = (uint)(id * 2654435761u) | 1;
        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "fastflow-worker-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A worker for a thread that is not the scheduler's: a caller of
    /// <c>RunAsync</c> running its own new run's first tasks (see <see cref="EnterInline"/>). Its
    /// deque is private (no one steals from it, so pushing wakes no one), it never parks, and it
    /// takes only the work of <see cref="InlineTarget"/>: anything else pushed to it is injected.</summary>
    private Worker(WorkStealingScheduler scheduler)
    {
        _scheduler = scheduler;
        Id = -1;
        _random = 1;
    }

    /// <summary>The worker running on this thread, or null on any other thread.</summary>
    public static Worker? Current => t_current;

    /// <summary>On a calling-thread worker, the one target whose work it takes; null on the scheduler's workers.</summary>
    public SchedulableWork? InlineTarget { get; private set; }

    public int Id { get; }

    public WorkStealingDeque Deque { get; } = new();

    public WorkStealingScheduler Scheduler => _scheduler;

    /// <summary>The target that holds batched state of this worker (see <see cref="SchedulableWork.Flush"/>).</summary>
    public SchedulableWork? BatchTarget;
    /// <summary>Batched: a task whose pending-dependency counter owes <see cref="BatchTaskCount"/> decrements.</summary>
    public int BatchTask = -1;
    /// <summary>Batched: decrements owed to <see cref="BatchTask"/>.</summary>
    public int BatchTaskCount;
    /// <summary>Batched: tasks of <see cref="BatchTarget"/> that finished but are not yet counted.</summary>
    public int BatchDone;

    /// <summary>Work items executed; read for statistics only.</summary>
    public long Executed;
    /// <summary>Items taken from other workers.</summary>
    public long Steals;
    /// <summary>Times this worker parked.</summary>
    public long Parks;

    public void Start() => _thread!.Start();

    public void Join() => _thread!.Join();

    /// <summary>Makes this thread, until <see cref="ExitInline"/>, a worker of
    /// <paramref name="scheduler"/> that takes only <paramref name="target"/>'s work: what the
    /// target queues from here on lands on this thread's private deque. The calling thread must
    /// not be a worker.</summary>
    public static Worker EnterInline(WorkStealingScheduler scheduler, SchedulableWork target)
    {
        var caller = t_caller;
        if (caller is null || !ReferenceEquals(caller._scheduler, scheduler))
        {
            t_caller = caller = new Worker(scheduler);
        }

        caller.InlineTarget = target;
        t_current = caller;
        return caller;
    }

    /// <summary>Runs the target's queued work on this thread until there is none left or
    /// <paramref name="budgetTicks"/> (Stopwatch ticks) have passed; a task already running is not
    /// interrupted.</summary>
    public void RunInline(long budgetTicks)
    {
        var deadline = Stopwatch.GetTimestamp() + budgetTicks;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (Deque.TryPop(out var item))
            {
                Execute(item);
            }
            else if (BatchTarget is not null)
            {
                // Batched counts may release more of the target's tasks onto the deque.
                FlushBatch();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Ends <see cref="EnterInline"/>: applies what was batched and hands whatever is
    /// still queued to the scheduler's workers.</summary>
    public void ExitInline()
    {
        FlushBatch();
        InlineTarget = null;
        t_current = null;
        while (Deque.TryPop(out var left))
        {
            _scheduler.Inject(left, left.Target.HandoffPriority);
        }
    }

    public void Signal() => _wake.Set();

    /// <summary>Flushes batched state, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void FlushBatch()
    {
        if (BatchTarget is { } target)
        {
            target.Flush(this);
        }
    }

    /// <summary>Flushes batched state when idle. A flush can finish a run, which writes to a
    /// durable engine's store: a failing store is reported like a failing work item, not fatal to the worker.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FlushIdle()
    {
        try
        {
            FlushBatch();
        }
        catch (Exception ex)
        {
            BatchTarget = null;
            _scheduler.ReportUnhandled(ex);
        }
    }

    private void Run()
    {
        t_current = this;
        while (true)
        {
            if (FindWork(out var item))
            {
                Execute(item);
                continue;
            }

            if (BatchTarget is not null)
            {
                FlushIdle();
                continue;
            }

            if (_scheduler.IsStopping)
            {
                break;
            }

            if (SpinForWork(out item))
            {
                Execute(item);
                continue;
            }

            Park();
        }

        t_current = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Execute(in WorkItem item)
    {
        Executed++;
        try
        {
            item.Target.Execute(item, this);
        }
        catch (Exception ex)
        {
            // Targets handle their own failures; reaching here is an engine bug, reported, not fatal.
            _scheduler.ReportUnhandled(ex);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool FindWork(out WorkItem item)
    {
        if (++_tick == FairnessInterval)
        {
            _tick = 0;
            if (_scheduler.Injection.TryDequeue(out item))
            {
                return true;
            }
        }

        return Deque.TryPop(out item) || _scheduler.Injection.TryDequeue(out item) || TrySteal(out item);
    }

    private bool TrySteal(out WorkItem item)
    {
        var workers = _scheduler.Workers;
        var count = workers.Length;
        if (count > 1)
        {
            _random ^= _random << 13;
            _random ^= _random >> 17;
            _random ^= _random << 5;
            var start = (int)(_random % (uint)count);
            for (var i = 0; i < count; i++)
            {
                var victim = workers[(start + i) % count];
                if (victim != this && victim.Deque.TrySteal(out item))
                {
                    Steals++;
                    return true;
                }
            }
        }

        item = default;
        return false;
    }

    private bool SpinForWork(out WorkItem item)
    {
        // One spinner is enough to pick up new work at once; more would only take cores from the
        // threads that produce work (on a small machine, the submitter itself).
        if (!_scheduler.TryEnterSpinning())
        {
            item = default;
            return false;
        }

        var deadline = Stopwatch.GetTimestamp() + _scheduler.SpinTicks;
        var round = 0;
        while (Stopwatch.GetTimestamp() < deadline && !_scheduler.IsStopping)
        {
            if (FindWork(out item))
            {
                _scheduler.ExitSpinning(foundWork: true);
                return true;
            }

            // On an oversubscribed machine the thread that will produce work may need this core.
            if ((++round & 7) == 0)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(30);
            }
        }

        _scheduler.ExitSpinning(foundWork: false);
        item = default;
        return false;
    }

    private void Park()
    {
        _wake.Reset();
        _scheduler.MarkIdle(this);
        // Re-check after announcing idleness (a full fence): a producer either saw the idle bit and
        // will signal, or enqueued before it, and then the work is visible here.
        if (_scheduler.HasVisibleWork() || _scheduler.IsStopping)
        {
            if (_scheduler.TryUnmarkIdle(this))
            {
                return;
            }

            // A producer claimed this worker: its signal is on the way; waiting consumes it.
        }

        Parks++;
        _wake.Wait();
    }

    public void DisposeEvent() => _wake.Dispose();
}
