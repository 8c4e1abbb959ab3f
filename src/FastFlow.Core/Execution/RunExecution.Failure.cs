using FastFlow.Durability;
using FastFlow.Events;
using FastFlow.Scheduling;

namespace FastFlow.Execution;

internal sealed partial class RunExecution
{
    /// <summary>A task failed for good: apply its <c>on_failure</c>, and for <c>fail</c> the
    /// run-level policy. Returns a successor to run on this thread, or -1.</summary>
    private int ApplyFailurePolicy(int task, FlowTaskStatus status, TaskError error, Worker? worker)
    {
        var policy = _tasks[task].OnFailure;
        if (policy == FailurePolicy.Fail)
        {
            // An unhandled failure: what happens to the run is the run's own policy.
            policy = _plan.OnFailure;
        }

        switch (policy)
        {
            case FailurePolicy.Skip:
                return Release(task, status, worker);
            case FailurePolicy.Pause:
                PauseForDecision(task);
                return -1;
            case FailurePolicy.Compensate:
                BeginCompensation(task, error);
                return Release(task, status, worker);
            default:
                FailRun(new TaskError(error.Category, $"Task '{_plan.GetTaskId(task)}' failed: {error.Message}", error.Exception));
                return -1;
        }
    }

    /// <summary>Fails the run now: running handlers get their cancellation, tasks that have not
    /// finished are cancelled, and the run ends.</summary>
    internal void FailRun(TaskError error)
    {
        lock (_gate)
        {
            var phase = (RunPhase)_phase;
            if (phase.IsTerminal() || phase == RunPhase.Pending)
            {
                return;
            }

            Error = error;
            _phase = (int)RunPhase.Failed;
        }

        CancelHandlers();
        Finish(RunStatus.Failed);
    }

    /// <summary>The failure of <paramref name="task"/> pauses the run for a person: resume retries
    /// the task, skip skips it. The task stays failed meanwhile and counts as not done.</summary>
    private void PauseForDecision(int task)
    {
        var paused = false;
        lock (_gate)
        {
            (_awaitingDecision ??= []).Add(task);
            if (_phase == (int)RunPhase.Running)
            {
                _phase = (int)RunPhase.Paused;
                paused = true;
            }
        }

        if (paused)
        {
            PublishRun(FlowEventType.WorkflowPaused, RunStatus.Paused);
        }
    }

    /// <summary>Starts a saga rollback: nothing new starts, running handlers are told to stop,
    /// and once every task has settled the compensations run in reverse completion order.</summary>
    private void BeginCompensation(int task, TaskError error)
    {
        var started = false;
        lock (_gate)
        {
            if (_phase is (int)RunPhase.Running or (int)RunPhase.Paused)
            {
                _phase = (int)RunPhase.Compensating;
                Error = new TaskError(error.Category, $"Task '{_plan.GetTaskId(task)}' failed: {error.Message}", error.Exception);
                started = true;
            }
        }

        if (started)
        {
            JournalNote(HistoryTypes.RunCompensating, task, reason: Error?.Message);
            CancelHandlers();
            DrainWaiting(FlowTaskStatus.Cancelled);
        }
    }

    private void CancelHandlers()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A handler's cancellation callback threw; the run still winds down.
        }
    }
}
