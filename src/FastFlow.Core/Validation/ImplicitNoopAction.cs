using FastFlow.Actions;

namespace FastFlow.Validation;

/// <summary>What a task with neither <c>action</c> nor <c>handler</c> runs when the registry has no
/// <c>noop</c> of its own: a plain task built in code must validate against an empty registry.
/// Like the built-in <c>noop</c>, its output is its resolved parameters.</summary>
internal sealed class ImplicitNoopAction : FlowAction
{
    private ImplicitNoopAction()
        : base(BuiltInActions.Noop)
    {
    }

    /// <summary>The one instance; it keeps no state.</summary>
    public static ImplicitNoopAction Instance { get; } = new();

    /// <inheritdoc/>
    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        return TaskResult.Success(context.Parameters);
    }
}
