using FastFlow.Definitions;
using FastFlow.Durability;
using FastFlow.Expressions;
using FastFlow.Plans;

namespace FastFlow.Execution;

internal sealed partial class RunExecution
{
    /// <summary>Every task has settled after a saga began: run the compensation of each completed
    /// task, newest completion first, then end the run failed. A compensation that fails is
    /// recorded; the others still run.</summary>
    private void StartCompensation()
    {
        lock (_gate)
        {
            if (_phase != (int)RunPhase.Compensating || _compensationStarted)
            {
                return;
            }

            _compensationStarted = true;
        }

        _ = CompensateAsync();
    }

    private bool _compensationStarted;

    private async Task CompensateAsync()
    {
        var failures = new List<string>();
        var count = Volatile.Read(ref _completionCount);
        for (var i = count - 1; i >= 0; i--)
        {
            var task = _completionOrder![i];
            if (_tasks[task].Compensation is not { } compensation || GetTaskStatus(task) != FlowTaskStatus.Completed)
            {
                continue;
            }

            var host = new CompensationHost(this, compensation);
            TaskResult result;
            try
            {
                // A fresh token: the run's own is cancelled, and undoing must not be.
                result = await compensation.Invoke(new TaskContext(host, task, 1, CancellationToken.None)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                result = TaskResult.Failure(ErrorCategory.Transient, $"{compensation.ActionName} threw {ex.GetType().Name}: {ex.Message}");
            }

            if (result.IsSuccess)
            {
                SetStatus(task, FlowTaskStatus.Compensated);
                JournalNote(HistoryTypes.TaskCompensated, task);
            }
            else
            {
                failures.Add($"'{_plan.GetTaskId(task)}': {result.Error!.Message}");
            }
        }

        lock (_gate)
        {
            if (failures.Count > 0 && Error is { } error)
            {
                Error = new TaskError(error.Category, error.Message + " Compensation failed for " + string.Join("; ", failures) + ".", error.Exception);
            }

            _phase = (int)RunPhase.Failed;
        }

        Finish(RunStatus.Failed);
    }

    /// <summary>What a compensation handler sees: the compensated task's id and output, the
    /// compensation's own parameters and action.</summary>
    private sealed class CompensationHost(RunExecution run, PlanCompensation compensation) : IAttemptHost
    {
        private IAttemptHost Run => run;

        public string RunId => run.RunId;

        public string WorkflowId => run.WorkflowId;

        public IReadOnlyDictionary<string, object?> Inputs => run.Inputs;

        public IReadOnlyDictionary<string, object?> Context => run.ContextSnapshot();

        public IEvaluationContext Evaluation => run;

        public EngineServices Services => run._engine.Services;

        public string GetTaskId(int task) => run.GetTaskId(task);

        public TaskOptions GetTaskOptions(int task) => Run.GetTaskOptions(task);

        public IReadOnlyList<string> GetDependencyIds(int task) => Run.GetDependencyIds(task);

        public string GetActionName(int task) => compensation.ActionName;

        public IReadOnlyDictionary<string, object?> GetParameters(int task) =>
            compensation.ResolveParameters(run);

        public object? GetPrepared(int task) => compensation.Prepared;

        public DateTimeOffset? GetAttemptStartedAt(int task) => null;

        public void SetContext(string key, object? value) => Run.SetContext(key, value);

        public object? GetOutput(string taskId) => Run.GetOutput(taskId);
    }
}
