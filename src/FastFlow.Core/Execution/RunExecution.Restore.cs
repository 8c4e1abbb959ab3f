using FastFlow.Durability;

namespace FastFlow.Execution;

/// <summary>Putting a durable run back after a restart or a rollback: the state its history gives,
/// then the tasks it left under way run again (same attempt numbers, so the same idempotency keys),
/// retries wait for their original due time, and what was ready is decided again.</summary>
internal sealed partial class RunExecution
{
    /// <summary>Gives a run rebuilt from the store the creation time it was first given.</summary>
    public void RestoreCreatedAt(DateTimeOffset createdAt) => CreatedAt = createdAt;

    /// <summary>Loads <paramref name="state"/> into this new run (created, not started).</summary>
    public void Restore(RestoredState state, DateTimeOffset createdAt)
    {
        CreatedAt = createdAt;
        StartedAt = state.RunStartedAt is { } started ? new DateTimeOffset(started, TimeSpan.Zero) : null;
        Error = state.RunError;
        var count = _plan.TaskCount;
        var attempts = Attempts;
        var startedAt = AttemptStartedAt;
        var interrupted = _interruptedAttempt ?? InitializeArray(ref _interruptedAttempt);
        for (var task = 0; task < count; task++)
        {
            var status = state.Status[task];
            attempts[task] = state.Attempts[task];
            startedAt[task] = state.StartedAt[task];
            if (state.Outputs[task] is { } output)
            {
                OutputArray[task] = output;
            }

            if (state.Errors[task] is { } error)
            {
                Errors[task] = error;
            }

            if (status is FlowTaskStatus.InProgress or FlowTaskStatus.Assigned)
            {
                // Interrupted: runs again as the same attempt (RunTaskSlow counts it up again).
                interrupted[task] = attempts[task];
                attempts[task] = Math.Max(0, attempts[task] - 1);
                status = FlowTaskStatus.Pending;
            }

            SetStatus(task, status);
        }

        foreach (var (key, value) in state.Context)
        {
            ContextValues[key] = value;
        }

        if (_completionOrder is { } order)
        {
            foreach (var task in state.CompletionOrder)
            {
                order[_completionCount++] = task;
            }
        }

        // A failure that waits for a decision has not let go of its successors.
        _open = RecountDependencies(task => IsDone(state, task));
        if (state.AwaitingDecision.Count > 0)
        {
            _awaitingDecision = [.. state.AwaitingDecision];
        }
    }

    /// <summary>Sets the counters of every task that is not done from its dependencies: those not
    /// done yet, and among those done, the ones that did not complete and that failed (for trigger
    /// rules). Returns how many tasks are not done. For a run put back in place (restored after a
    /// restart, or a failed run retried); the counters of the tasks not done must be zero before.</summary>
    private int RecountDependencies(Func<int, bool> isDone)
    {
        var table = _plan.Definition.Tasks;
        var open = 0;
        for (var task = 0; task < _plan.TaskCount; task++)
        {
            if (isDone(task))
            {
                continue;
            }

            open++;
            var waiting = 0;
            foreach (var dependency in table.GetDependencies(task))
            {
                if (!isDone(dependency))
                {
                    waiting++;
                    continue;
                }

                var outcome = (FlowTaskStatus)_status[dependency];
                if (outcome != FlowTaskStatus.Completed)
                {
                    NonSuccess[task]++;
                    if (outcome is FlowTaskStatus.Failed or FlowTaskStatus.Timeout)
                    {
                        FailedDependencies[task]++;
                    }
                }
            }

            _remaining[task] = waiting;
        }

        return open;
    }

    private static bool IsDone(RestoredState state, int task) =>
        IsTerminalStatus(state.Status[task]) && !state.AwaitingDecision.Contains(task);

    /// <summary>Starts a restored run in the phase its history left it in.</summary>
    public void StartRestored(RestoredState state, string actor, string reason)
    {
        var phase = state.Phase switch
        {
            RunPhase.Paused => RunPhase.Paused,
            RunPhase.Cancelling => RunPhase.Cancelling,
            RunPhase.Compensating => RunPhase.Compensating,
            _ => RunPhase.Running,
        };
        StartedAt ??= _engine.Services.TimeProvider.GetUtcNow();
        _phase = (int)phase;
        if (phase is RunPhase.Cancelling or RunPhase.Compensating)
        {
            CancelHandlers();
        }

        JournalNote(HistoryTypes.Recovered, actor: actor, reason: reason);
        _journal?.SaveRun(BuildRunRecord(Status, withTasks: false), terminal: false);
        if (_plan.Timeout is { } timeout && StartedAt is { } started)
        {
            // The deadline counts from the run's first start, not from the restart.
            _deadline = _engine.Services.Timers.Schedule(started + timeout, this, EncodeTimer(TimerKindDeadline, 0, 0));
        }

        // Decide what starts before starting anything: a task started here may finish on a worker
        // and release a successor while this loop is still looking at it.
        var count = _plan.TaskCount;
        var table = _plan.Definition.Tasks;
        var starts = new List<(int Task, RestartKind Kind)>();
        for (var task = 0; task < count; task++)
        {
            var status = (FlowTaskStatus)_status[task];
            if (IsDone(state, task) || state.AwaitingDecision.Contains(task) || _remaining[task] > 0 && !OneSuccessFired(task, table))
            {
                continue;
            }

            if (status == FlowTaskStatus.Waiting && state.DueAt[task] is not null)
            {
                starts.Add((task, RestartKind.RetryTimer));
            }
            else if (_interruptedAttempt![task] > 0)
            {
                starts.Add((task, RestartKind.Interrupted));
            }
            else if (_remaining[task] == 0)
            {
                starts.Add((task, RestartKind.Ready));
            }
            else if (TryClaim(task))
            {
                // one_success with a completed dependency: ready although others are unfinished.
                starts.Add((task, RestartKind.Claimed));
            }
        }

        var nothingOpen = Volatile.Read(ref _open) == 0;
        foreach (var (task, kind) in starts)
        {
            switch (kind)
            {
                case RestartKind.RetryTimer when phase is RunPhase.Cancelling or RunPhase.Compensating:
                    SetStatus(task, FlowTaskStatus.Cancelled);
                    EnqueuePropagation(task, null);
                    break;
                case RestartKind.RetryTimer:
                    var attemptState = GetAttemptState(task);
                    lock (attemptState.Lock)
                    {
                        attemptState.Timer = _engine.Services.Timers.Schedule(new DateTimeOffset(state.DueAt[task]!.Value, TimeSpan.Zero), this,
                            EncodeTimer(TimerKindRetry, task, attemptState.Generation));
                    }

                    break;
                case RestartKind.Interrupted:
                    // Admitted before the crash (its condition held): run it again as it was. A
                    // gated plan queues it for a slot like any ready task.
                    DispatchFromOutside(_plan.IsGated ? Admit(task, null) : task);
                    break;
                case RestartKind.Ready:
                    DispatchFromOutside(DependenciesDone(task, null));
                    break;
                default:
                    DispatchFromOutside(Admit(task, null));
                    break;
            }
        }

        if (nothingOpen)
        {
            OnAllTasksDone();
        }
    }

    private enum RestartKind
    {
        Ready,
        Claimed,
        Interrupted,
        RetryTimer,
    }

    /// <summary>A one_success task with a completed dependency is ready although others are unfinished.</summary>
    private bool OneSuccessFired(int task, Definitions.TaskTable table)
    {
        if (_tasks[task].TriggerRule != TriggerRule.OneSuccess)
        {
            return false;
        }

        foreach (var dependency in table.GetDependencies(task))
        {
            if ((FlowTaskStatus)_status[dependency] == FlowTaskStatus.Completed)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Makes a restored run terminal as its history says, without recording anything: a
    /// failed run loaded to be retried or rolled back.</summary>
    public void RestoreTerminal(RunPhase phase)
    {
        _phase = (int)phase;
        _irregular = true;
        Interlocked.Exchange(ref _finished, 1);
        for (var task = 0; task < _status.Length; task++)
        {
            if (!IsTerminalStatus((FlowTaskStatus)_status[task]))
            {
                _status[task] = (byte)FlowTaskStatus.Cancelled;
            }
        }

        if (phase == RunPhase.Completed)
        {
            (Outputs, _) = EvaluateOutputs();
        }

        CompletedAt ??= _engine.Services.TimeProvider.GetUtcNow();
        var result = new RunResult(this, phase.ToStatus(), [.. _status], _attempts is null ? null : [.. _attempts]);
        Volatile.Write(ref _result, result);
        _completion.TrySetResult(result);
    }

    /// <summary>Takes over the awaiters of the run this one replaces (a rollback of a live run).</summary>
    public void AdoptCompletion(RunExecution replaced)
    {
        if (!replaced.Completion.IsCompleted)
        {
            _completion = replaced._completion;
        }
    }
}
