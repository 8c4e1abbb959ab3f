using FastFlow.Durability;
using FastFlow.Events;
using FastFlow.Scheduling;

namespace FastFlow.Execution;

internal sealed partial class RunExecution
{
    /// <summary>Starts a pending run: false when it was cancelled before it could start.</summary>
    public bool Start()
    {
        lock (_gate)
        {
            if (_phase != (int)RunPhase.Pending)
            {
                return false;
            }

            StartedAt = _engine.Services.TimeProvider.GetUtcNow();
            _phase = (int)RunPhase.Running;
        }

        if (_plan.Timeout is { } timeout)
        {
            _deadline = _engine.Services.Timers.ScheduleAfter(timeout, this, EncodeTimer(TimerKindDeadline, 0, 0));
        }

        PublishRun(FlowEventType.WorkflowStarted, RunStatus.Running);
        var sources = _plan.Sources;
        if (_plan.TaskCount == 0)
        {
            OnAllTasksDone();
        }
        else if (_plan.IsGated)
        {
            // Every source enters the ready queue before any is dispatched, so the first slots go
            // by priority, not by declaration order.
            lock (_gate)
            {
                _dispatchHeld = true;
            }

            foreach (var source in sources)
            {
                DispatchFromOutside(Admit(source, null));
            }

            lock (_gate)
            {
                _dispatchHeld = false;
                DispatchGatedLocked();
            }
        }
        else
        {
            _engine.Scheduler.Submit(new WorkItem(this, 0, sources.Length), Priority);
        }

        return true;
    }

    /// <summary>Retries a failed run (failed → running): every task that did not complete goes back
    /// to pending and runs again with a new attempt; completed tasks keep their outputs and do not
    /// run again. The run gets a new <see cref="Completion"/>, token and deadline.</summary>
    public void Retry()
    {
        List<int> ready = [];
        lock (_gate)
        {
            if (_phase != (int)RunPhase.Failed)
            {
                throw new InvalidRunTransitionException(RunId, Status, RunStatus.Running);
            }

            if (!_engine.TryReadmit(this))
            {
                throw new InvalidOperationException(
                    $"Run {RunId} cannot be retried now: the engine is at capacity ({_engine.Options.MaxActiveRuns} active runs). Try again when a run ends.");
            }

            ResetUnfinishedTasks(ready);
            Error = null;
            Outputs = null;
            CompletedAt = null;
            _irregular = false;
            _held = null;
            _ready = null;
            _inFlight = 0;
            _awaitingDecision = null;
            _compensationStarted = false;
            _cancellation = new CancellationTokenSource();
            Volatile.Write(ref _completion, NewCompletion());
            Volatile.Write(ref _result, null);
            Volatile.Write(ref _finished, 0);
            _phase = (int)RunPhase.Running;
        }

        if (_plan.Timeout is { } timeout)
        {
            _deadline = _engine.Services.Timers.ScheduleAfter(timeout, this, EncodeTimer(TimerKindDeadline, 0, 0));
        }

        PublishRun(FlowEventType.WorkflowStarted, RunStatus.Running);
        if (Volatile.Read(ref _open) == 0)
        {
            OnAllTasksDone();
            return;
        }

        foreach (var task in ready)
        {
            DispatchFromOutside(Admit(task, null));
        }
    }

    /// <summary>Puts every task that did not complete back to pending, with its counters recomputed
    /// from the dependencies that did not complete either, and lists those ready at once.</summary>
    private void ResetUnfinishedTasks(List<int> ready)
    {
        var count = _plan.TaskCount;
        var table = _plan.Definition.Tasks;
        if (_nonSuccess is { } nonSuccess)
        {
            Array.Clear(nonSuccess);
        }

        if (_failedDependencies is { } failed)
        {
            Array.Clear(failed);
        }

        if (_errors is { } errors)
        {
            Array.Clear(errors);
        }

        for (var task = 0; task < count; task++)
        {
            if ((FlowTaskStatus)_status[task] != FlowTaskStatus.Completed)
            {
                _status[task] = (byte)FlowTaskStatus.Pending;
            }
        }

        _open = RecountDependencies(task => (FlowTaskStatus)_status[task] == FlowTaskStatus.Completed);
        for (var task = 0; task < count; task++)
        {
            if ((FlowTaskStatus)_status[task] != FlowTaskStatus.Completed && (_remaining[task] == 0 || OneSuccessFired(task, table)))
            {
                ready.Add(task);
            }
        }

        // Completion order keeps the tasks that stay completed, in their order.
        if (_completionOrder is { } order)
        {
            var kept = 0;
            for (var i = 0; i < _completionCount; i++)
            {
                if ((FlowTaskStatus)_status[order[i]] == FlowTaskStatus.Completed)
                {
                    order[kept++] = order[i];
                }
            }

            _completionCount = kept;
        }
    }

    /// <summary>Pauses a running run: nothing new starts, what runs finishes.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (_phase != (int)RunPhase.Running)
            {
                throw _phase is (int)RunPhase.Cancelling or (int)RunPhase.Compensating
                    ? new InvalidRunTransitionException($"Run {RunId} is winding down ({(_phase == (int)RunPhase.Cancelling ? "being cancelled" : "compensating")}); it cannot be paused.")
                    : new InvalidRunTransitionException(RunId, Status, RunStatus.Paused);
            }

            _phase = (int)RunPhase.Paused;
        }

        PublishRun(FlowEventType.WorkflowPaused, RunStatus.Paused);
    }

    /// <summary>Resumes a paused run: held tasks start, and tasks whose failure paused the run
    /// get a new attempt.</summary>
    public void Resume()
    {
        List<int>? held;
        List<int>? decisions;
        lock (_gate)
        {
            if (_phase != (int)RunPhase.Paused)
            {
                throw new InvalidRunTransitionException(RunId, Status, RunStatus.Running);
            }

            _phase = (int)RunPhase.Running;
            held = _held;
            decisions = _awaitingDecision;
            _held = null;
            _awaitingDecision = null;
            if (_plan.IsGated)
            {
                DispatchGatedLocked();
            }
        }

        PublishRun(FlowEventType.WorkflowResumed, RunStatus.Running);
        if (decisions is not null)
        {
            foreach (var task in decisions)
            {
                SetStatus(task, FlowTaskStatus.Assigned);
                _engine.Scheduler.Inject(new WorkItem(this, task, RetryArgument), _tasks[task].Priority);
            }
        }

        if (held is not null)
        {
            foreach (var task in held)
            {
                DispatchFromOutside(Admit(task, null));
            }
        }

        if (Volatile.Read(ref _open) == 0)
        {
            OnAllTasksDone();
        }
    }

    /// <summary>Skips a task whose failure paused the run; the run resumes when no other
    /// failure waits for a decision.</summary>
    public void SkipTask(int task)
    {
        bool resume;
        lock (_gate)
        {
            if (_awaitingDecision is null || !_awaitingDecision.Remove(task))
            {
                throw new InvalidOperationException(
                    $"Task '{_plan.GetTaskId(task)}' of run {RunId} is {GetTaskStatus(task).ToWireName()}, not waiting for a decision; only a task whose failure paused the run can be skipped.");
            }

            resume = _awaitingDecision.Count == 0 && _phase == (int)RunPhase.Paused;
        }

        if (Announce(task, FlowTaskStatus.Skipped, FlowEventType.TaskSkipped, GetAttempts(task), from: (FlowTaskStatus)_status[task]))
        {
            EnqueuePropagation(task, null);
        }

        if (resume)
        {
            Resume();
        }
    }

    /// <summary>Cancels the run. Graceful: handlers get their token and may finish; the run ends
    /// cancelled once they settle. Forced: the run ends now.</summary>
    public void Cancel(CancelMode mode)
    {
        bool finishNow;
        lock (_gate)
        {
            var phase = (RunPhase)_phase;
            if (phase.IsTerminal())
            {
                throw new InvalidRunTransitionException(RunId, Status, RunStatus.Cancelled);
            }

            finishNow = mode == CancelMode.Forced || phase == RunPhase.Pending;
            _phase = (int)(finishNow ? RunPhase.Cancelled : RunPhase.Cancelling);
            Error ??= new TaskError(ErrorCategory.Business, finishNow ? "The run was cancelled (forced)." : "The run was cancelled.");
        }

        CancelHandlers();
        if (finishNow)
        {
            Finish(RunStatus.Cancelled);
            return;
        }

        JournalNote(HistoryTypes.RunCancelling, reason: Error?.Message);

        DrainWaiting(FlowTaskStatus.Cancelled);
        if (Volatile.Read(ref _open) == 0)
        {
            OnAllTasksDone();
        }
    }

    /// <summary>A task became ready (or was popped from a queue) while the run is not running.</summary>
    private int AdmitWhileNotRunning(int task, Worker? worker)
    {
        lock (_gate)
        {
            if (_phase is (int)RunPhase.Paused or (int)RunPhase.Pending)
            {
                SetStatus(task, FlowTaskStatus.Pending);
                (_held ??= []).Add(task);
                return -1;
            }
        }

        var phase = (RunPhase)_phase;
        if (phase == RunPhase.Running)
        {
            // Resumed in between.
            return Admit(task, worker);
        }

        if (phase.IsTerminal())
        {
            return -1;
        }

        // Cancelling or compensating: the task never starts.
        SetStatus(task, FlowTaskStatus.Cancelled);
        EnqueuePropagation(task, worker);
        return -1;
    }

    /// <summary>Cancels (with propagation) every task that waits inside the run: held, queued by
    /// the gate, waiting for a retry, or waiting for a decision.</summary>
    private void DrainWaiting(FlowTaskStatus status)
    {
        List<int> drained = [];
        List<int> failed = [];
        lock (_gate)
        {
            if (_held is not null)
            {
                drained.AddRange(_held);
                _held = null;
            }

            if (_ready is not null)
            {
                while (_ready.TryDequeue(out var task))
                {
                    drained.Add(task);
                }
            }

            if (_awaitingDecision is not null)
            {
                failed.AddRange(_awaitingDecision);
                _awaitingDecision = null;
            }
        }

        if (_attemptStates is { } states)
        {
            for (var task = 0; task < states.Length; task++)
            {
                var state = Volatile.Read(ref states[task]);
                if (state is null || GetTaskStatus(task) != FlowTaskStatus.Waiting)
                {
                    continue;
                }

                lock (state.Lock)
                {
                    // Whoever removes the retry timer owns the task; if it already fired, the retry sees the phase.
                    if (!state.Running && _engine.Services.Timers.Cancel(state.Timer))
                    {
                        state.Timer = default;
                        drained.Add(task);
                    }
                }
            }
        }

        foreach (var task in drained)
        {
            SetStatus(task, status);
            EnqueuePropagation(task, null);
        }

        foreach (var task in failed)
        {
            // Failed, paused for a decision, now abandoned: it stays failed and lets go of its successors.
            EnqueuePropagation(task, null);
        }
    }

    private void EnqueueGated(int task)
    {
        lock (_gate)
        {
            (_ready ??= new ReadyQueue()).Enqueue(task, _tasks[task].Priority);
            DispatchGatedLocked();
        }
    }

    private void ReleaseSlot()
    {
        lock (_gate)
        {
            _inFlight--;
            DispatchGatedLocked();
        }
    }

    /// <summary>True while a batch of tasks enters the ready queue; dispatch waits for the whole batch.</summary>
    private bool _dispatchHeld;

    private void DispatchGatedLocked()
    {
        if (_ready is null || _phase != (int)RunPhase.Running || _dispatchHeld)
        {
            return;
        }

        var limit = _plan.MaxConcurrency ?? int.MaxValue;
        while (_inFlight < limit && _ready.TryDequeue(out var task))
        {
            _inFlight++;
            SetStatus(task, FlowTaskStatus.Assigned);
            var priority = (TaskPriority)Math.Max((int)_tasks[task].Priority, (int)Priority);
            _engine.Scheduler.Inject(new WorkItem(this, task, RunTaskArgument), priority);
        }
    }

    /// <summary>Every task reached a terminal status (or waits for a decision while paused).</summary>
    private void OnAllTasksDone()
    {
        var phase = (RunPhase)_phase;
        if (phase == RunPhase.Compensating)
        {
            StartCompensation();
            return;
        }

        IReadOnlyDictionary<string, object?>? outputs = null;
        TaskError? outputError = null;
        if (phase == RunPhase.Running)
        {
            (outputs, outputError) = EvaluateOutputs();
        }

        RunStatus final;
        lock (_gate)
        {
            switch ((RunPhase)_phase)
            {
                case RunPhase.Running:
                    final = outputError is null ? RunStatus.Completed : RunStatus.Failed;
                    Error = outputError;
                    Outputs = outputs;
                    break;
                case RunPhase.Cancelling:
                    final = RunStatus.Cancelled;
                    break;
                default:
                    // Paused: completes on resume. Terminal: already finished.
                    return;
            }

            _phase = (int)final;
        }

        Finish(final);
    }

    /// <summary>Ends the run once: freezes task statuses, stops timers, tells subscribers and waiters.</summary>
    private void Finish(RunStatus status)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        var result = FreezeResult(status, out var clean);

        // Nothing touches a clean run's arrays once every task is done: they go back to the pool.
        if (clean)
        {
            _plan.StatePool.Return(_state);
        }

        var completion = Volatile.Read(ref _completion);
        _engine.OnRunFinished(this);
        Complete(completion, result);
    }

    /// <summary>The source of <see cref="Completion"/>; see <see cref="FlowEngineOptions.AllowSynchronousContinuations"/>.
    /// <see cref="Finish"/> sets it last, holding no lock, so code resumed inline cannot deadlock on the run.</summary>
    private TaskCompletionSource<RunResult> NewCompletion() => new(
        _engine.Options.AllowSynchronousContinuations ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);

    private RunResult FreezeResult(RunStatus status, out bool clean)
    {
        CompletedAt = _engine.Services.TimeProvider.GetUtcNow();
        _engine.Services.Timers.Cancel(_deadline);
        clean = status == RunStatus.Completed && !_irregular;
        if (!clean)
        {
            // Compare-and-swap, as Announce moves statuses: a task that announced its end first
            // keeps it; one that had not is cancelled and will announce nothing.
            for (var task = 0; task < _status.Length; task++)
            {
                while (true)
                {
                    var current = Volatile.Read(ref _status[task]);
                    if (IsTerminalStatus((FlowTaskStatus)current) ||
                        Interlocked.CompareExchange(ref _status[task], (byte)FlowTaskStatus.Cancelled, current) == current)
                    {
                        break;
                    }
                }
            }
        }

        if (_attemptStates is { } states)
        {
            foreach (var state in states)
            {
                if (state is not null)
                {
                    lock (state.Lock)
                    {
                        state.Generation++;
                        state.Running = false;
                        _engine.Services.Timers.Cancel(state.Timer);
                    }
                }
            }
        }

        // A clean run's result needs no statuses (every task completed); otherwise it keeps a frozen copy.
        // Attempts are not pooled: a clean run (nothing writes any more) hands its array over; any
        // other run freezes a copy, since an attempt dispatched as it ended may still count itself.
        var attempts = _attempts is null ? null : clean ? _attempts : [.. _attempts];
        var result = new RunResult(this, status, clean ? null : [.. _status], attempts);
        Volatile.Write(ref _result, result);
        _finalTicket = PublishRun(status switch
        {
            RunStatus.Completed => FlowEventType.WorkflowCompleted,
            RunStatus.Failed => FlowEventType.WorkflowFailed,
            _ => FlowEventType.WorkflowCancelled,
        }, status);
        return result;
    }

    /// <summary>The run as it stands now.</summary>
    public RunResult Snapshot() => Volatile.Read(ref _result) ?? new(this, Status, [.. _status], _attempts is null ? null : [.. _attempts]);

    private int _announced;

    /// <summary>1 while the run was created to be started later and has not been asked to start.</summary>
    private int _awaitingStart;

    /// <summary>True while the run waits for <see cref="RunHandle.StartAsync"/>.</summary>
    public bool IsAwaitingStart => Volatile.Read(ref _awaitingStart) != 0;

    /// <summary>Marks a run created to be started later (before it is journaled, so its record says so).</summary>
    public void MarkAwaitingStart() => Volatile.Write(ref _awaitingStart, 1);

    /// <summary>True the first time only, and only for a run that waits for its start.</summary>
    public bool TryClaimStart() => Interlocked.Exchange(ref _awaitingStart, 0) != 0;

    /// <summary>True the first time only: the run's creation is announced once.</summary>
    public bool TryMarkAnnounced() => Interlocked.Exchange(ref _announced, 1) == 0;

    /// <summary>True when the run took one of the engine's active-run slots.</summary>
    public bool HoldsSlot { get; set; }

    /// <summary>The run's outputs once completed.</summary>
    public IReadOnlyDictionary<string, object?>? Outputs { get; private set; }

    /// <summary>The final result, once finished.</summary>
    public RunResult? Result => Volatile.Read(ref _result);

    private (IReadOnlyDictionary<string, object?>, TaskError?) EvaluateOutputs()
    {
        var declared = _plan.Outputs;
        var outputs = new Dictionary<string, object?>(declared.Length, StringComparer.Ordinal);
        foreach (var (name, evaluate) in declared)
        {
            try
            {
                outputs[name] = evaluate(this);
            }
            catch (Exception ex)
            {
                return (outputs, new TaskError(ErrorCategory.Permanent, $"Output '{name}' could not be computed: {ex.Message}", ex));
            }
        }

        return (outputs, null);
    }
}
