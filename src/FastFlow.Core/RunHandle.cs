using FastFlow.Execution;

namespace FastFlow;

/// <summary>A run you started: await its end, watch its tasks, pause, resume or cancel it.</summary>
public sealed class RunHandle
{
    private readonly RunExecution _run;

    internal RunHandle(RunExecution run) => _run = run;

    /// <summary>The run's id.</summary>
    public string RunId => _run.RunId;

    /// <summary>The priority the run was created with (<see cref="RunOptions.Priority"/>).</summary>
    public TaskPriority Priority => _run.Priority;

    /// <summary>True for a run made by <see cref="FlowEngine.CreateAsync(CompiledWorkflow, IReadOnlyDictionary{string, object?}?, RunOptions?, CancellationToken)"/>
    /// that has not been started yet.</summary>
    public bool IsAwaitingStart => _run.IsAwaitingStart;

    /// <summary>Starts a run made by <see cref="FlowEngine.CreateAsync(CompiledWorkflow, IReadOnlyDictionary{string, object?}?, RunOptions?, CancellationToken)"/>,
    /// waiting for room when the engine is at capacity.</summary>
    /// <exception cref="InvalidOperationException">The run was not created to be started later, or
    /// has been started (or cancelled) already.</exception>
    public ValueTask StartAsync(CancellationToken cancellationToken = default) => _run.Engine.StartAwaitingAsync(_run, cancellationToken);

    /// <summary>The workflow's id.</summary>
    public string WorkflowId => _run.WorkflowId;

    /// <summary>The run's status now.</summary>
    public RunStatus Status => _run.Status;

    /// <summary>Completes with the result when the run ends (completed, failed or cancelled);
    /// never faults for a failed run — check <see cref="RunResult.Status"/>.</summary>
    public Task<RunResult> Completion => _run.Completion;

    internal RunExecution Execution => _run;

    /// <summary>Waits for the end of the run.</summary>
    public Task<RunResult> WaitAsync(CancellationToken cancellationToken = default) => _run.Completion.WaitAsync(cancellationToken);

    /// <summary>Nothing new starts; running tasks finish. Throws <see cref="InvalidRunTransitionException"/> unless running.</summary>
    public void Pause() => _run.Pause();

    /// <summary>Continues a paused run; tasks whose failure paused it are tried again.</summary>
    public void Resume() => _run.Resume();

    /// <summary>Cancels the run (graceful by default).</summary>
    public void Cancel(CancelMode mode = CancelMode.Graceful) => _run.Cancel(mode);

    /// <summary>Retries a failed run: tasks that did not complete run again (completed ones keep
    /// their outputs); await the new <see cref="Completion"/>.</summary>
    public void Retry() => _run.Retry();

    /// <summary>Skips a task whose failure paused the run (its <c>on_failure</c> was <c>pause</c>).</summary>
    public void Skip(string taskId) => _run.SkipTask(IndexOf(taskId));

    /// <summary>The status of one task now.</summary>
    public FlowTaskStatus GetTaskStatus(string taskId) => _run.GetTaskStatus(IndexOf(taskId));

    /// <summary>The run as it stands: the final result once it ended.</summary>
    public RunResult GetSnapshot() => _run.Result ?? _run.Snapshot();

    private int IndexOf(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var index = _run.Plan.Definition.Tasks.IndexOf(taskId);
        return index >= 0 ? index : throw new KeyNotFoundException($"Workflow '{WorkflowId}' has no task '{taskId}'.");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{RunId} ({WorkflowId}) {Status.ToWireName()}";
}
