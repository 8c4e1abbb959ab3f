using FastFlow.Actions;
using FastFlow.Execution;
using FastFlow.Expressions;

namespace FastFlow.Plans;

/// <summary>Everything one task resolved to at compile time: what to call, when, and what to do
/// on failure. Immutable; shared by every task of a plan that resolved the same way (a million
/// plain builder tasks share one), and by every run of the plan.</summary>
internal sealed class PlanTask
{
    /// <summary>What an attempt calls: the inline code, the registered handler, or the action's ExecuteAsync.</summary>
    public required TaskHandler Invoke { get; init; }

    /// <summary>The action or handler name (<c>inline</c> for builder code).</summary>
    public required string ActionName { get; init; }

    /// <summary>The action, when the task runs one.</summary>
    public FlowAction? Action { get; init; }

    /// <summary>The action's prepared state.</summary>
    public object? Prepared { get; init; }

    /// <summary>Evaluated in order when the task becomes ready; one false skips it. Null: always runs.</summary>
    public CompiledExpression[]? Conditions { get; init; }

    /// <summary>Resolves the parameters of an attempt. Null when the parameters are constant (see <see cref="ConstantParameters"/>).</summary>
    public CompiledValue? Parameters { get; init; }

    /// <summary>The parameters when they hold no template.</summary>
    public IReadOnlyDictionary<string, object?> ConstantParameters { get; init; } = EmptyParameters.Instance;

    public TriggerRule TriggerRule { get; init; }

    public TaskPriority Priority { get; init; } = TaskPriority.Normal;

    /// <summary>Deadline of each attempt; null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    public FailurePolicy OnFailure { get; init; }

    /// <summary>What undoes the task in a saga; null when nothing does.</summary>
    public PlanCompensation? Compensation { get; init; }

    /// <summary>Whether every condition holds.</summary>
    /// <exception cref="ExpressionEvaluationException">A condition could not be evaluated.</exception>
    public bool ConditionsHold(IEvaluationContext context)
    {
        foreach (var condition in Conditions!)
        {
            if (!condition.EvaluateCondition(context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parameters of an attempt.</summary>
    public IReadOnlyDictionary<string, object?> ResolveParameters(IEvaluationContext context) =>
        Parameters is { } parameters ? parameters.ResolveParameters(context) : ConstantParameters;

    /// <summary>True when the task needs none of the slow paths: no condition, one attempt, no
    /// timeout, trigger rule all_success. The hot path checks only this.</summary>
    public bool IsSimple => Conditions is null && Retry.MaxAttempts == 1 && Timeout is null && TriggerRule == TriggerRule.AllSuccess;
}

/// <summary>A resolved compensation.</summary>
internal sealed class PlanCompensation
{
    public required TaskHandler Invoke { get; init; }

    public required string ActionName { get; init; }

    public object? Prepared { get; init; }

    /// <summary>Resolves the parameters. Null when they are constant (see <see cref="ConstantParameters"/>).</summary>
    public CompiledValue? Parameters { get; init; }

    public IReadOnlyDictionary<string, object?> ConstantParameters { get; init; } = EmptyParameters.Instance;

    /// <summary>The parameters of the compensation.</summary>
    public IReadOnlyDictionary<string, object?> ResolveParameters(IEvaluationContext context) =>
        Parameters is { } parameters ? parameters.ResolveParameters(context) : ConstantParameters;
}

/// <summary>The shared empty parameter map.</summary>
internal static class EmptyParameters
{
    public static readonly IReadOnlyDictionary<string, object?> Instance = new Dictionary<string, object?>(0);
}
