using FastFlow.Expressions;

namespace FastFlow.Validation;

/// <summary>The context a constant expression is evaluated in at validation: one that refers to
/// nothing reads nothing, so every lookup here finds nothing.</summary>
internal sealed class ConstantContext : IEvaluationContext
{
    private ConstantContext()
    {
    }

    public static ConstantContext Instance { get; } = new();

    public string RunId => string.Empty;

    public string WorkflowId => string.Empty;

    public bool TryGetInput(string name, out object? value)
    {
        value = null;
        return false;
    }

    public bool TryGetContext(string name, out object? value)
    {
        value = null;
        return false;
    }

    public object? GetTaskOutput(int task) => null;

    public FlowTaskStatus GetTaskStatus(int task) => FlowTaskStatus.Pending;

    public bool TryGetParam(string name, out object? value)
    {
        value = null;
        return false;
    }
}
