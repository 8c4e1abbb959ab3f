namespace FastFlow.Expressions;

/// <summary>What an expression reads when it is evaluated: a run's inputs, context, task outputs
/// and statuses. Task references are bound to task indices when the expression is compiled, so
/// evaluation never looks a task up by name.</summary>
public interface IEvaluationContext
{
    /// <summary>The run's id (<c>run.id</c>).</summary>
    string RunId { get; }

    /// <summary>The workflow's id (<c>run.workflow_id</c>).</summary>
    string WorkflowId { get; }

    /// <summary>An input by name (<c>inputs.x</c>); false when the run has none of that name.</summary>
    bool TryGetInput(string name, out object? value);

    /// <summary>A context value by name (<c>context.x</c>).</summary>
    bool TryGetContext(string name, out object? value);

    /// <summary>The output of a task (<c>tasks.id.output</c>); null when it has none (yet).</summary>
    object? GetTaskOutput(int task);

    /// <summary>The status of a task (<c>tasks.id.status</c>).</summary>
    FlowTaskStatus GetTaskStatus(int task);

    /// <summary>A template parameter (<c>params.x</c>), used only when a template is instantiated.</summary>
    bool TryGetParam(string name, out object? value);
}
