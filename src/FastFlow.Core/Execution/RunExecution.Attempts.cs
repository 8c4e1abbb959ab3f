using System.Globalization;
using FastFlow.Events;
using FastFlow.Expressions;
using FastFlow.Scheduling;

namespace FastFlow.Execution;

internal sealed partial class RunExecution : ITimerTarget
{
    private const long TimerKindTimeout = 1;
    private const long TimerKindRetry = 2;
    private const long TimerKindDeadline = 3;

    /// <summary>Starts an attempt of a task that needs more than the hot path: bookkeeping for
    /// retries and timeouts, events, a run that is not simply running, or a gated plan.</summary>
    private int RunTaskSlow(int task, Worker? worker)
    {
        if (_phase != (int)RunPhase.Running)
        {
            return AdmitWhileNotRunning(task, worker);
        }

        var planTask = _tasks[task];
        var attempt = Interlocked.Increment(ref Attempts[task]);
        var token = _cancellation.Token;
        var generation = 0;
        if (planTask.Timeout is not null || planTask.Retry.MaxAttempts > 1)
        {
            var state = GetAttemptState(task);
            lock (state.Lock)
            {
                generation = ++state.Generation;
                state.Running = true;
                state.TimedOut = false;
                if (planTask.Timeout is { } timeout)
                {
                    state.Cancellation = CancellationTokenSource.CreateLinkedTokenSource(_cancellation.Token);
                    token = state.Cancellation.Token;
                    state.Timer = _engine.Services.Timers.ScheduleAfter(timeout, this, EncodeTimer(TimerKindTimeout, task, generation));
                }
            }
        }

        if (!Announce(task, FlowTaskStatus.InProgress, FlowEventType.TaskStarted, attempt))
        {
            return -1;
        }

        ValueTask<TaskResult> pending;
        try
        {
            pending = planTask.Invoke(new TaskContext(this, task, attempt, token));
        }
        catch (Exception ex)
        {
            return OnAttemptEnded(task, attempt, generation, FromException(ex, task), worker);
        }

        if (!pending.IsCompleted)
        {
            AwaitAttempt(task, attempt, generation, pending);
            return -1;
        }

        TaskResult result;
        try
        {
            result = pending.Result;
        }
        catch (Exception ex)
        {
            result = FromException(ex, task);
        }

        return OnAttemptEnded(task, attempt, generation, result, worker);
    }

    private void AwaitAttempt(int task, int attempt, int generation, ValueTask<TaskResult> pending) =>
        new AsyncAttempt(this, task, attempt, generation, pending).Start();

    /// <summary>Called by <see cref="AsyncAttempt"/> when an asynchronous handler finished.</summary>
    internal void OnAsyncAttemptEnded(int task, int attempt, int generation, TaskResult result)
    {
        var worker = Worker.Current is { } current && ReferenceEquals(current.Scheduler, _engine.Scheduler) ? current : null;
        var next = OnAttemptEnded(task, attempt, generation, result, worker);
        DispatchFromOutside(next);
    }

    /// <summary>An attempt ended (or was abandoned on timeout). Ignores ends of attempts that are
    /// no longer current; otherwise records success or applies retry and failure rules.
    /// Returns a successor to run on this thread, or -1.</summary>
    private int OnAttemptEnded(int task, int attempt, int generation, TaskResult result, Worker? worker)
    {
        // Hot-path attempts are not counted as they start; count this one now that it matters.
        if (Attempts[task] < attempt)
        {
            Volatile.Write(ref Attempts[task], attempt);
        }

        var state = _attemptStates is { } states ? Volatile.Read(ref states[task]) : null;
        if (state is not null && generation != 0)
        {
            bool timedOut;
            lock (state.Lock)
            {
                if (state.Generation != generation || !state.Running)
                {
                    return -1;
                }

                state.Running = false;
                timedOut = state.TimedOut;
                _engine.Services.Timers.Cancel(state.Timer);
                state.Timer = default;
                state.Cancellation?.Dispose();
                state.Cancellation = null;
            }

            if (timedOut)
            {
                result = TaskResult.Failure(ErrorCategory.Timeout, string.Create(CultureInfo.InvariantCulture,
                    $"Attempt {attempt} of task '{_plan.GetTaskId(task)}' timed out after {_tasks[task].Timeout!.Value.TotalSeconds:0.###} s."));
            }
        }

        if (_plan.IsGated)
        {
            // The slot is given back after the successors are released, so that tasks made ready
            // together compete for it by priority, not by the order they were released in.
            var next = EndAttempt(task, attempt, result, worker);
            ReleaseSlot();
            return next;
        }

        return EndAttempt(task, attempt, result, worker);
    }

    private int EndAttempt(int task, int attempt, TaskResult result, Worker? worker)
    {
        var phase = (RunPhase)_phase;
        if (phase.IsTerminal())
        {
            // The run ended without this attempt (failed fast, forced cancel): its result is dropped.
            return -1;
        }

        if (result.Error is null)
        {
            if (result.Output is { } output)
            {
                Volatile.Write(ref OutputArray[task], output);
            }

            if (!Announce(task, FlowTaskStatus.Completed, FlowEventType.TaskCompleted, attempt))
            {
                return -1;
            }

            if (_completionOrder is not null)
            {
                RecordCompletion(task);
            }

            return Release(task, FlowTaskStatus.Completed, worker);
        }

        return OnAttemptFailed(task, attempt, result.Error, worker);
    }

    private int OnAttemptFailed(int task, int attempt, TaskError error, Worker? worker)
    {
        Volatile.Write(ref Errors[task], error);
        var planTask = _tasks[task];
        var phase = (RunPhase)_phase;
        if (phase is RunPhase.Cancelling or RunPhase.Compensating && _cancellation.IsCancellationRequested)
        {
            // The run is winding down and told the handler so: the task was cancelled, not failed.
            SetStatus(task, FlowTaskStatus.Cancelled);
            return Release(task, FlowTaskStatus.Cancelled, worker);
        }

        // While paused a retry still waits its delay; it is then held until the run resumes.
        if (phase is RunPhase.Running or RunPhase.Paused && attempt < planTask.Retry.MaxAttempts && planTask.Retry.IsRetriable(error.Category))
        {
            ScheduleRetry(task, attempt, error);
            return -1;
        }

        var status = error.Category == ErrorCategory.Timeout ? FlowTaskStatus.Timeout : FlowTaskStatus.Failed;
        if (!Announce(task, status, FlowEventType.TaskFailed, attempt, error))
        {
            return -1;
        }

        return ApplyFailurePolicy(task, status, error, worker);
    }

    private void ScheduleRetry(int task, int attempt, TaskError error)
    {
        var planTask = _tasks[task];
        var delay = planTask.Retry.DelayBefore(attempt + 1, _engine.NextJitterSample());
        var state = GetAttemptState(task);
        if (!Announce(task, FlowTaskStatus.Waiting, FlowEventType.TaskRetrying, attempt, error, delay))
        {
            return;
        }

        lock (state.Lock)
        {
            state.Timer = _engine.Services.Timers.ScheduleAfter(delay, this, EncodeTimer(TimerKindRetry, task, state.Generation));
        }
    }

    /// <summary>Skips a task whose condition was false or whose trigger rule cannot be met, and
    /// queues the propagation of the skip to its successors.</summary>
    private void Skip(int task, Worker? worker, string? reason)
    {
        if (((RunPhase)_phase).IsTerminal())
        {
            return;
        }

        if (_phase is (int)RunPhase.Cancelling or (int)RunPhase.Compensating)
        {
            // Winding down: nothing that did not run was skipped by a rule; it was cancelled.
            SetStatus(task, FlowTaskStatus.Cancelled);
            EnqueuePropagation(task, worker);
            return;
        }

        if (reason is not null)
        {
            Volatile.Write(ref Errors[task], new TaskError(ErrorCategory.Business, reason));
        }

        if (Announce(task, FlowTaskStatus.Skipped, FlowEventType.TaskSkipped, 0))
        {
            EnqueuePropagation(task, worker);
        }
    }

    /// <summary>Evaluates a task's condition; false skips it, an error fails it.</summary>
    private bool CheckCondition(int task, Plans.PlanTask planTask, Worker? worker)
    {
        bool holds;
        try
        {
            holds = planTask.ConditionsHold(this);
        }
        catch (Exception ex)
        {
            var error = new TaskError(ErrorCategory.Permanent,
                $"The condition of task '{_plan.GetTaskId(task)}' could not be evaluated: {ex.Message}", ex);
            Volatile.Write(ref Errors[task], error);
            if (!Announce(task, FlowTaskStatus.Failed, FlowEventType.TaskFailed, 0, error))
            {
                return false;
            }

            var next = ApplyFailurePolicy(task, FlowTaskStatus.Failed, error, worker);
            if (next >= 0)
            {
                Enqueue(next, worker);
            }

            return false;
        }

        if (!holds)
        {
            Skip(task, worker, reason: null);
        }

        return holds;
    }

    internal TaskResult ResultOf(Exception exception, int task) => FromException(exception, task);

    /// <summary>Turns what a handler threw into a failed result with the right category.</summary>
    private TaskResult FromException(Exception exception, int task)
    {
        var actionName = _tasks[task].ActionName;
        return exception switch
        {
            TaskFailedException failed => TaskResult.Failure(new TaskError(failed.Category, failed.Message, failed)),
            OperationCanceledException when _cancellation.IsCancellationRequested =>
                TaskResult.Failure(new TaskError(ErrorCategory.Permanent, $"Task '{_plan.GetTaskId(task)}' was cancelled.", exception)),
            OperationCanceledException => TaskResult.Failure(new TaskError(ErrorCategory.Timeout, $"Task '{_plan.GetTaskId(task)}' was cancelled: {exception.Message}", exception)),
            ExpressionEvaluationException => TaskResult.Failure(new TaskError(ErrorCategory.Permanent, exception.Message, exception)),
            _ => TaskResult.Failure(new TaskError(ErrorCategory.Transient,
                $"{actionName} threw {exception.GetType().Name}: {exception.Message}", exception)),
        };
    }

    public void OnTimer(long token)
    {
        var kind = (long)((ulong)token >> 62);
        var task = (int)(token & 0xFFFF_FFFF);
        var generation = (int)((token >> 32) & 0x3FFF_FFFF);
        switch (kind)
        {
            case TimerKindTimeout:
                OnAttemptTimeout(task, generation);
                break;
            case TimerKindRetry:
                OnRetryDue(task, generation);
                break;
            case TimerKindDeadline:
                FailRun(new TaskError(ErrorCategory.Timeout, string.Create(CultureInfo.InvariantCulture,
                    $"The run exceeded its deadline of {_plan.Timeout!.Value.TotalSeconds:0.###} s.")));
                break;
        }
    }

    private void OnAttemptTimeout(int task, int generation)
    {
        var state = GetAttemptState(task);
        int attempt;
        lock (state.Lock)
        {
            if (state.Generation != generation || !state.Running)
            {
                return;
            }

            state.TimedOut = true;
            attempt = Attempts[task];
        }

        try
        {
            state.Cancellation?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended while we cancelled: nothing to tell it.
        }

        // End the attempt now: a handler that ignores its token does not hold the run.
        var next = OnAttemptEnded(task, attempt, generation, default, null);
        DispatchFromOutside(next);
    }

    private void OnRetryDue(int task, int generation)
    {
        var state = GetAttemptState(task);
        lock (state.Lock)
        {
            if (state.Generation != generation || state.Running)
            {
                return;
            }

            state.Timer = default;
        }

        // Through a worker, so the retry runs like any dispatched task (priority, gating, pause).
        _engine.Scheduler.Inject(new WorkItem(this, task, RetryArgument), _tasks[task].Priority);
    }

    private static long EncodeTimer(long kind, int task, int generation) =>
        (kind << 62) | ((long)(generation & 0x3FFF_FFFF) << 32) | (uint)task;
}
