using System.Runtime.CompilerServices;
using FastFlow.Scheduling;

namespace FastFlow.Execution;

internal sealed partial class RunExecution
{
    /// <summary>Work item argument: run task <see cref="WorkItem.Index"/>.</summary>
    internal const int RunTaskArgument = 0;
    /// <summary>Work item argument: the task's status is already terminal; release its successors.</summary>
    internal const int PropagateArgument = -1;
    /// <summary>Work item argument: a retry delay of task <see cref="WorkItem.Index"/> ended.</summary>
    internal const int RetryArgument = -2;
    // Positive arguments: run the source tasks Sources[Index .. Index + Argument).

    public override void Execute(in WorkItem item, Worker worker)
    {
        if (_phase is (int)RunPhase.Failed or (int)RunPhase.Cancelled)
        {
            // The run ended early; work still queued for it (skips to spread, tasks dispatched just
            // before) has nothing left to do and must not announce anything.
            return;
        }

        var argument = item.Argument;
        if (argument == RunTaskArgument)
        {
            RunFrom(item.Index, worker);
        }
        else if (argument > 0)
        {
            RunSources(item.Index, argument, worker);
        }
        else if (argument == PropagateArgument)
        {
            RunFrom(Release(item.Index, (FlowTaskStatus)_status[item.Index], worker), worker);
        }
        else if (argument == RetryArgument)
        {
            RunFrom(Admit(item.Index, worker), worker);
        }
    }

    /// <summary>Runs a task and then, inline, the successor it made ready, and so on down the
    /// chain: a loop, not recursion, so long chains use no stack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RunFrom(int task, Worker? worker)
    {
        while (task >= 0)
        {
            task = RunTask(task, worker);
        }
    }

    /// <summary>Splits a range of source tasks in halves, leaving the upper halves on the deque for
    /// thieves (who take the oldest, largest ranges), and runs the first source.</summary>
    private void RunSources(int start, int count, Worker worker)
    {
        while (count > 1)
        {
            var half = count >> 1;
            _engine.Scheduler.Push(worker, new WorkItem(this, start + half, count - half));
            count = half;
        }

        RunFrom(Admit(_plan.Sources[start], worker), worker);
    }

    /// <summary>Runs one attempt of a task. Returns the successor to run next on this thread, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RunTask(int task, Worker? worker)
    {
        var planTask = _tasks[task];
        if (!planTask.IsSimple || _phase != (int)RunPhase.Running || _plan.IsGated || _engine.Events.HasSubscribers || _journal is not null)
        {
            return RunTaskSlow(task, worker);
        }

        // Attempts are counted only once some task needed counting (a failure, a run retried);
        // until then every hot-path attempt is the first.
        var attempt = 1;
        if (_attempts is { } attempts)
        {
            attempt = attempts[task] + 1;
            attempts[task] = attempt;
        }

        _status[task] = (byte)FlowTaskStatus.InProgress;
        ValueTask<TaskResult> pending;
        try
        {
            pending = planTask.Invoke(new TaskContext(this, task, attempt, _cancellation.Token));
        }
        catch (Exception ex)
        {
            return OnAttemptEnded(task, attempt, 0, FromException(ex, task), worker);
        }

        if (!pending.IsCompletedSuccessfully)
        {
            AwaitAttempt(task, attempt, 0, pending);
            return -1;
        }

        var result = pending.Result;
        if (result.Error is not null || _phase != (int)RunPhase.Running)
        {
            return OnAttemptEnded(task, attempt, 0, result, worker);
        }

        if (result.Output is { } output)
        {
            OutputArray[task] = output;
        }

        Volatile.Write(ref _status[task], (byte)FlowTaskStatus.Completed);
        if (_completionOrder is not null)
        {
            RecordCompletion(task);
        }

        return Release(task, FlowTaskStatus.Completed, worker);
    }

    /// <summary>A task reached a terminal status: counts it done and releases its successors.
    /// Returns one successor that is ready to run on this thread, or -1; the others are queued.</summary>
    private int Release(int task, FlowTaskStatus outcome, Worker? worker)
    {
        var next = -1;
        var end = _successorStart[task + 1];
        for (var i = _successorStart[task]; i < end; i++)
        {
            var successor = _successors[i];
            int admitted;
            if (outcome == FlowTaskStatus.Completed && _tasks[successor].TriggerRule == TriggerRule.AllSuccess)
            {
                if (worker is not null && _predecessorCount[successor] >= BatchInDegree)
                {
                    BatchDecrement(worker, successor);
                    continue;
                }

                if (Interlocked.Decrement(ref _remaining[successor]) != 0)
                {
                    continue;
                }

                admitted = DependenciesDone(successor, worker);
            }
            else
            {
                admitted = ReleaseSlow(successor, outcome, worker);
            }

            if (admitted < 0)
            {
                continue;
            }

            if (next < 0)
            {
                next = admitted;
            }
            else
            {
                Enqueue(admitted, worker);
            }
        }

        CountDone(worker);
        return next;
    }

    /// <summary>A dependency of <paramref name="task"/> ended other than completed, or the task has
    /// a trigger rule other than all_success: keep the counts its rule needs, then decide.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ReleaseSlow(int task, FlowTaskStatus outcome, Worker? worker)
    {
        if (outcome != FlowTaskStatus.Completed)
        {
            Interlocked.Increment(ref NonSuccess[task]);
            if (outcome is FlowTaskStatus.Failed or FlowTaskStatus.Timeout)
            {
                Interlocked.Increment(ref FailedDependencies[task]);
            }
        }

        var admitted = -1;
        if (outcome == FlowTaskStatus.Completed && _tasks[task].TriggerRule == TriggerRule.OneSuccess && TryClaim(task))
        {
            // one_success fires on the first completed dependency; the others no longer block it.
            admitted = Admit(task, worker);
        }

        // Every increment above happens before this decrement, so the thread that takes the count
        // to zero sees all of them.
        if (Interlocked.Decrement(ref _remaining[task]) == 0 && admitted < 0)
        {
            admitted = DependenciesDone(task, worker);
        }

        return admitted;
    }

    /// <summary>Every dependency of <paramref name="task"/> is done: apply its trigger rule.</summary>
    private int DependenciesDone(int task, Worker? worker)
    {
        var nonSuccess = _nonSuccess is { } counts ? Volatile.Read(ref counts[task]) : 0;
        var rule = _tasks[task].TriggerRule;
        bool runs;
        switch (rule)
        {
            case TriggerRule.AllSuccess:
                runs = nonSuccess == 0;
                break;
            case TriggerRule.NoneFailed:
                runs = _failedDependencies is not { } failed || Volatile.Read(ref failed[task]) == 0;
                break;
            case TriggerRule.OneSuccess:
                // Fired already if any dependency completed; claimed means it did.
                if (!TryClaim(task))
                {
                    return -1;
                }

                runs = nonSuccess < _predecessorCount[task];
                if (runs)
                {
                    return Admit(task, worker);
                }

                break;
            default:
                runs = true;
                break;
        }

        if (runs)
        {
            return Admit(task, worker);
        }

        Skip(task, worker, reason: null);
        return -1;
    }

    /// <summary>For one_success: the first caller wins the right to decide the task.</summary>
    private bool TryClaim(int task) =>
        Interlocked.CompareExchange(ref _status[task], (byte)FlowTaskStatus.Assigned, (byte)FlowTaskStatus.Pending) == (byte)FlowTaskStatus.Pending;

    /// <summary>A task may start: checks the run's phase and the task's condition, then either
    /// returns it to run on this thread or queues it. Returns -1 when it was held, queued, skipped or cancelled.</summary>
    private int Admit(int task, Worker? worker)
    {
        if (_phase != (int)RunPhase.Running)
        {
            return AdmitWhileNotRunning(task, worker);
        }

        var planTask = _tasks[task];
        if (planTask.Conditions is not null && !CheckCondition(task, planTask, worker))
        {
            return -1;
        }

        if (_plan.IsGated)
        {
            EnqueueGated(task);
            return -1;
        }

        return task;
    }

    /// <summary>Queues a ready task: on this worker's deque, or the injection queue from elsewhere.</summary>
    private void Enqueue(int task, Worker? worker)
    {
        _status[task] = (byte)FlowTaskStatus.Assigned;
        var item = new WorkItem(this, task, RunTaskArgument);
        if (worker is not null)
        {
            _engine.Scheduler.Push(worker, item);
        }
        else
        {
            _engine.Scheduler.Inject(item, _tasks[task].Priority);
        }
    }

    /// <summary>Queues the terminal status of a task for propagation, so long chains of skips
    /// and cancellations never recurse.</summary>
    private void EnqueuePropagation(int task, Worker? worker)
    {
        var item = new WorkItem(this, task, PropagateArgument);
        if (worker is not null)
        {
            _engine.Scheduler.Push(worker, item);
        }
        else
        {
            _engine.Scheduler.Inject(item, TaskPriority.Critical);
        }
    }

    /// <summary>Runs, from a thread that is not executing this run's chain (a timer, an async
    /// completion, a control call), the task a release returned.</summary>
    private void DispatchFromOutside(int task)
    {
        if (task >= 0)
        {
            Enqueue(task, Worker.Current is { } worker && ReferenceEquals(worker.Scheduler, _engine.Scheduler) ? worker : null);
        }
    }

    private void RecordCompletion(int task)
    {
        var slot = Interlocked.Increment(ref _completionCount) - 1;
        _completionOrder![slot] = task;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountDone(Worker? worker)
    {
        if (worker is null)
        {
            if (Interlocked.Decrement(ref _open) == 0)
            {
                OnAllTasksDone();
            }

            return;
        }

        if (!ReferenceEquals(worker.BatchTarget, this))
        {
            worker.FlushBatch();
            worker.BatchTarget = this;
        }

        if (++worker.BatchDone >= BatchDoneLimit)
        {
            FlushDone(worker);
        }
    }

    private void BatchDecrement(Worker worker, int task)
    {
        if (!ReferenceEquals(worker.BatchTarget, this))
        {
            worker.FlushBatch();
            worker.BatchTarget = this;
        }

        if (worker.BatchTask == task)
        {
            worker.BatchTaskCount++;
            return;
        }

        FlushTask(worker);
        worker.BatchTask = task;
        worker.BatchTaskCount = 1;
    }

    public override void Flush(Worker worker)
    {
        FlushTask(worker);
        FlushDone(worker);
        worker.BatchTarget = null;
    }

    private void FlushTask(Worker worker)
    {
        var task = worker.BatchTask;
        if (task < 0)
        {
            return;
        }

        var count = worker.BatchTaskCount;
        worker.BatchTask = -1;
        worker.BatchTaskCount = 0;
        if (Interlocked.Add(ref _remaining[task], -count) == 0)
        {
            var admitted = DependenciesDone(task, worker);
            if (admitted >= 0)
            {
                Enqueue(admitted, worker);
            }
        }
    }

    private void FlushDone(Worker worker)
    {
        var done = worker.BatchDone;
        if (done == 0)
        {
            return;
        }

        worker.BatchDone = 0;
        if (Interlocked.Add(ref _open, -done) == 0)
        {
            OnAllTasksDone();
        }
    }
}
