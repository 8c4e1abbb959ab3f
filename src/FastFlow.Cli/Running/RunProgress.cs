using FastFlow.Cli.Output;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Cli.Running;

/// <summary>A run as the CLI has seen it through the engine's events: the live view and the
/// summary read it. Updated by one thread, the display's.</summary>
internal sealed class RunProgress
{
    private readonly Dictionary<string, TaskProgress> _byId;

    public RunProgress(WorkflowDefinition definition, string runId)
        : this(runId, definition.Id, definition.Name, definition.Tasks.Select(static t => (t.Id, t.Options.Name)))
    {
    }

    /// <summary>A run whose definition is not at hand (a stored run whose text cannot be read): its tasks by id.</summary>
    public RunProgress(string runId, string workflowId, string? workflowName, IEnumerable<(string Id, string? Name)> tasks)
    {
        RunId = runId;
        WorkflowId = workflowId;
        WorkflowName = workflowName;
        Tasks = [.. tasks.Select(static t => new TaskProgress(t.Id, t.Name))];
        _byId = Tasks.ToDictionary(static t => t.Id, StringComparer.Ordinal);
    }

    public string RunId { get; }

    public string WorkflowId { get; }

    public string? WorkflowName { get; }

    /// <summary>Every task, in declaration order.</summary>
    public IReadOnlyList<TaskProgress> Tasks { get; }

    public RunStatus Status { get; private set; } = RunStatus.Pending;

    /// <summary>When the run started, by the engine's clock.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Starts from a run as the data directory has it (a run being resumed), so that tasks
    /// done before show as done, with their timings.</summary>
    public void Seed(RunReport stored)
    {
        Status = stored.Status;
        StartedAt = stored.StartedAt;
        foreach (var task in stored.Tasks)
        {
            if (_byId.TryGetValue(task.Id, out var progress))
            {
                progress.Status = task.Status;
                progress.Attempts = task.Attempts;
                progress.StartedAt = task.StartedAt;
                progress.EndedAt = task.EndedAt;
            }
        }
    }

    /// <summary>The task an event is about; null for run events.</summary>
    public TaskProgress? Apply(FlowEvent flowEvent)
    {
        if (flowEvent.TaskId is null || !_byId.TryGetValue(flowEvent.TaskId, out var task))
        {
            ApplyToRun(flowEvent);
            return null;
        }

        switch (flowEvent.Type)
        {
            case FlowEventType.TaskStarted:
                task.Status = FlowTaskStatus.InProgress;
                task.Attempts = Math.Max(task.Attempts, flowEvent.Attempt);
                if (task.EndedAt is not null)
                {
                    // It ended and runs again (a resumed or retried run): time the new go only.
                    task.StartedAt = flowEvent.Timestamp;
                    task.EndedAt = null;
                }

                task.StartedAt ??= flowEvent.Timestamp;
                break;
            case FlowEventType.TaskRetrying:
                task.Status = FlowTaskStatus.Waiting;
                break;
            case FlowEventType.TaskCompleted:
                End(task, FlowTaskStatus.Completed, flowEvent);
                break;
            case FlowEventType.TaskSkipped:
                End(task, FlowTaskStatus.Skipped, flowEvent);
                break;
            case FlowEventType.TaskFailed:
                // The event's status is read when it is published: failed or timeout.
                End(task, flowEvent.TaskStatus is FlowTaskStatus.Timeout ? FlowTaskStatus.Timeout : FlowTaskStatus.Failed, flowEvent);
                break;
            default:
                if (flowEvent.TaskStatus is { } status)
                {
                    task.Status = status;
                }

                break;
        }

        return task;
    }

    /// <summary>How many tasks are done (whatever their outcome).</summary>
    public int DoneCount() => Tasks.Count(static t => t.EndedAt is not null);

    private static void End(TaskProgress task, FlowTaskStatus status, FlowEvent flowEvent)
    {
        task.Status = status;
        task.EndedAt = flowEvent.Timestamp;
    }

    private void ApplyToRun(FlowEvent flowEvent)
    {
        if (flowEvent.RunStatus is { } status)
        {
            Status = status;
        }

        if (flowEvent.Type == FlowEventType.WorkflowStarted)
        {
            StartedAt ??= flowEvent.Timestamp;
        }
    }
}
