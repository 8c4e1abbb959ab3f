using FastFlow.Definitions;
using FastFlow.Expressions;

namespace FastFlow.Plans;

/// <summary>A validated definition compiled for execution: the DAG as flat arrays (successor
/// lists, predecessor counts, sources) and a resolved <see cref="PlanTask"/> per task.
/// Immutable and shared by every run of the definition.</summary>
internal sealed class ExecutionPlan
{
    public ExecutionPlan(
        WorkflowDefinition definition,
        PlanTask[] tasks,
        int[] successorStart,
        int[] successors,
        (string Name, Func<IEvaluationContext, object?> Evaluate)[] outputs,
        long registryVersion)
    {
        Definition = definition;
        Tasks = tasks;
        SuccessorStart = successorStart;
        Successors = successors;
        Outputs = outputs;
        RegistryVersion = registryVersion;
        TaskCount = tasks.Length;

        var dependencyStart = definition.Tasks.DependencyStart;
        PredecessorCount = new int[TaskCount];
        var sources = new List<int>();
        var mixedPriorities = false;
        var first = TaskCount > 0 ? tasks[0].Priority : TaskPriority.Normal;
        PlanTask? previous = null;
        for (var i = 0; i < TaskCount; i++)
        {
            var count = dependencyStart[i + 1] - dependencyStart[i];
            PredecessorCount[i] = count;
            if (count == 0)
            {
                sources.Add(i);
            }

            var task = tasks[i];
            if (ReferenceEquals(task, previous))
            {
                continue;
            }

            previous = task;
            mixedPriorities |= task.Priority != first;
            HasCompensation |= task.Compensation is not null;
            AllSimple &= task.IsSimple;
            UsesCompensatePolicy |= task.OnFailure == FailurePolicy.Compensate;
        }

        Sources = [.. sources];
        StatePool = new RunStatePool(TaskCount);
        MaxConcurrency = definition.MaxConcurrency;
        Timeout = definition.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        OnFailure = definition.OnFailure;
        // Plans whose ready tasks must be ordered or limited go through a per-run ready queue;
        // the rest dispatch straight onto worker deques.
        IsGated = MaxConcurrency is not null || mixedPriorities;
        Priority = first;
    }

    public WorkflowDefinition Definition { get; }

    public string WorkflowId => Definition.Id;

    public int TaskCount { get; }

    public PlanTask[] Tasks { get; }

    /// <summary>Successors of task i: <c>Successors[SuccessorStart[i]..SuccessorStart[i + 1]]</c>.</summary>
    public int[] SuccessorStart { get; }

    public int[] Successors { get; }

    /// <summary>How many dependencies each task waits for.</summary>
    public int[] PredecessorCount { get; }

    /// <summary>Tasks with no dependencies, in declaration order.</summary>
    public int[] Sources { get; }

    public (string Name, Func<IEvaluationContext, object?> Evaluate)[] Outputs { get; }

    public int? MaxConcurrency { get; }

    public TimeSpan? Timeout { get; }

    public FailurePolicy OnFailure { get; }

    /// <summary>True when ready tasks go through the run's ready queue (max_concurrency, mixed priorities).</summary>
    public bool IsGated { get; }

    /// <summary>The priority of the tasks when they all share one.</summary>
    public TaskPriority Priority { get; }

    /// <summary>True when some task has a compensation: runs then record completion order.</summary>
    public bool HasCompensation { get; }

    /// <summary>True when some task's own policy is compensate.</summary>
    public bool UsesCompensatePolicy { get; }

    /// <summary>True when every task takes the hot path.</summary>
    public bool AllSimple { get; } = true;

    /// <summary>The registry version the plan resolved against; a newer registry means recompile.</summary>
    public long RegistryVersion { get; }

    /// <summary>Run state arrays given back by runs that completed cleanly.</summary>
    public RunStatePool StatePool { get; }

    public string GetTaskId(int task) => Definition.Tasks.GetId(task);
}
