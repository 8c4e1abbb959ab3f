using FastFlow.Actions;
using FastFlow.Execution;
using FastFlow.Expressions;

namespace FastFlow.Validation;

/// <summary>Everything a task resolves to, computed once at validation: what runs it, its compiled
/// conditions and parameters, and its settings with every default applied. Tasks whose options and
/// inline handler are the same objects share one instance, so a million plain tasks cost one.</summary>
internal sealed class BoundTask
{
    /// <summary>The action name, the handler name, or <c>inline</c> for code given to the builder.</summary>
    public required string ActionName { get; init; }

    /// <summary>The action that runs the task; exactly one of this and <see cref="Handler"/> is set on a valid task.</summary>
    public FlowAction? Action { get; init; }

    /// <summary>The handler that runs the task.</summary>
    public TaskHandler? Handler { get; init; }

    /// <summary>What <see cref="FlowAction.Prepare"/> returned.</summary>
    public object? Prepared { get; init; }

    /// <summary><c>when</c> then each of <c>conditions</c>, compiled: the task runs only if all
    /// hold. Null when the task has no condition.</summary>
    public CompiledExpression[]? Conditions { get; init; }

    /// <summary>The parameters with their templates compiled; null when the task has none.</summary>
    public CompiledValue? Parameters { get; init; }

    /// <summary>Distinct indices of the tasks whose output or status the conditions and parameters read.</summary>
    public IReadOnlyList<int> ReferencedTasks { get; init; } = [];

    /// <summary>The trigger rule, defaults applied.</summary>
    public TriggerRule TriggerRule { get; init; }

    /// <summary>The dispatch priority, defaults applied.</summary>
    public TaskPriority Priority { get; init; }

    /// <summary>The deadline of each attempt; null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The retry policy, task settings merged field by field over the workflow defaults.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    /// <summary>What a failure does once retries are spent.</summary>
    public FailurePolicy OnFailure { get; init; }

    /// <summary>What undoes the task in a saga; null when it has no compensation.</summary>
    public BoundCompensation? Compensation { get; init; }
}
