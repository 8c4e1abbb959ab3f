namespace FastFlow.Actions;

/// <summary><c>noop</c>: does nothing; its output is its resolved parameters.</summary>
internal sealed class NoopAction() : FlowAction("noop")
{
    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        var parameters = context.Parameters;
        return new(TaskResult.Success(parameters.Count == 0 ? null : parameters));
    }
}
