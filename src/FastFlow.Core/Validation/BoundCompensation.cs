using FastFlow.Actions;
using FastFlow.Expressions;

namespace FastFlow.Validation;

/// <summary>A task's compensation, resolved: the action or handler that undoes it, with its
/// parameters compiled.</summary>
internal sealed class BoundCompensation
{
    /// <summary>The action or handler name, for events and errors.</summary>
    public required string Name { get; init; }

    /// <summary>The action, when the compensation names one.</summary>
    public FlowAction? Action { get; init; }

    /// <summary>The handler, when the compensation names one.</summary>
    public TaskHandler? Handler { get; init; }

    /// <summary>The compensation's parameters with their templates compiled; null when it has none.</summary>
    public CompiledValue? Parameters { get; init; }

    /// <summary>What the action's <see cref="FlowAction.Prepare"/> returned for the compensation.</summary>
    public object? Prepared { get; init; }
}
