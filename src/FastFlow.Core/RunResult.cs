using FastFlow.Execution;

namespace FastFlow;

/// <summary>A run as it ended (from <see cref="RunHandle.Completion"/>) or as it stands (from
/// <see cref="RunHandle.GetSnapshot"/>): its status, error, timings, outputs and every task.</summary>
public sealed class RunResult
{
    private readonly RunExecution _run;
    /// <summary>Frozen statuses; null when every task completed.</summary>
    private readonly byte[]? _statuses;
    /// <summary>Frozen attempt counts; null when none were recorded (every task that ran, ran once).</summary>
    private readonly int[]? _attempts;
    private TaskRunInfo[]? _tasks;

    internal RunResult(RunExecution run, RunStatus status, byte[]? statuses, int[]? attempts)
    {
        _run = run;
        _statuses = statuses;
        _attempts = attempts;
        Status = status;
        Error = status is RunStatus.Completed ? null : run.Error;
        CreatedAt = run.CreatedAt;
        StartedAt = run.StartedAt;
        CompletedAt = run.CompletedAt;
        Outputs = run.Outputs ?? s_emptyOutputs;
    }

    private static readonly IReadOnlyDictionary<string, object?> s_emptyOutputs = new Dictionary<string, object?>(0);

    /// <summary>The run's id.</summary>
    public string RunId => _run.RunId;

    /// <summary>The workflow's id.</summary>
    public string WorkflowId => _run.WorkflowId;

    /// <summary>The priority the run was created with.</summary>
    public TaskPriority Priority => _run.Priority;

    /// <summary>The run's status.</summary>
    public RunStatus Status { get; }

    /// <summary>Why the run failed or was cancelled; null when it completed.</summary>
    public TaskError? Error { get; }

    /// <summary>When the run was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it started; null while pending.</summary>
    public DateTimeOffset? StartedAt { get; }

    /// <summary>When it ended; null while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; }

    /// <summary>From start to end (or to now for a snapshot); zero before it started.</summary>
    public TimeSpan Duration => StartedAt is { } start ? (CompletedAt ?? start) - start : TimeSpan.Zero;

    /// <summary>The workflow's outputs, computed when the run completed.</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; }

    /// <summary>Every task, in declaration order.</summary>
    public IReadOnlyList<TaskRunInfo> Tasks => _tasks ??= BuildTasks();

    /// <summary>The number of tasks.</summary>
    public int TaskCount => _run.Plan.TaskCount;

    /// <summary>One task by id.</summary>
    /// <exception cref="KeyNotFoundException">No task has that id.</exception>
    public TaskRunInfo GetTask(string taskId)
    {
        var index = _run.Plan.Definition.Tasks.IndexOf(taskId);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Workflow '{WorkflowId}' has no task '{taskId}'.");
        }

        return Tasks[index];
    }

    /// <summary>The status of a task by index, without building the task list.</summary>
    public FlowTaskStatus GetTaskStatus(int index) => _statuses is null ? FlowTaskStatus.Completed : (FlowTaskStatus)_statuses[index];

    /// <summary>How many tasks ended with a status.</summary>
    public int CountTasks(FlowTaskStatus status)
    {
        if (_statuses is null)
        {
            return status == FlowTaskStatus.Completed ? TaskCount : 0;
        }

        var count = 0;
        foreach (var value in _statuses)
        {
            if (value == (byte)status)
            {
                count++;
            }
        }

        return count;
    }

    private TaskRunInfo[] BuildTasks()
    {
        var tasks = new TaskRunInfo[TaskCount];
        for (var i = 0; i < tasks.Length; i++)
        {
            var status = GetTaskStatus(i);
            tasks[i] = new TaskRunInfo(
                _run.GetTaskId(i),
                status,
                AttemptsOf(i, status),
                status is FlowTaskStatus.Completed or FlowTaskStatus.Compensated ? _run.GetTaskOutput(i) : null,
                status is FlowTaskStatus.Completed ? null : _run.GetTaskError(i));
        }

        return tasks;
    }

    private int AttemptsOf(int task, FlowTaskStatus status)
    {
        var recorded = _attempts is null ? 0 : _attempts[task];
        return recorded == 0 && status is FlowTaskStatus.Completed or FlowTaskStatus.Compensated ? 1 : recorded;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{RunId} {Status.ToWireName()}" + (Error is null ? string.Empty : $": {Error.Message}");
}

/// <summary>One task of a run.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="Attempts">Attempts started.</param>
/// <param name="Output">Its output when it completed.</param>
/// <param name="Error">Its last error when it did not complete.</param>
public sealed record TaskRunInfo(string Id, FlowTaskStatus Status, int Attempts, object? Output, TaskError? Error);
