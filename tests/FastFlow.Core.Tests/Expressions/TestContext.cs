using FastFlow.Expressions;

namespace FastFlow.Core.Tests.Expressions;

/// <summary>An evaluation context over dictionaries; lookups allocate nothing.</summary>
internal sealed class TestContext : IEvaluationContext
{
    public static readonly string[] TaskIds = ["extract", "transform", "load", "my-task", "a.b", "a"];

    public Dictionary<string, object?> Inputs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, object?> Context { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, object?> Params { get; } = new(StringComparer.Ordinal);
    public object?[] Outputs { get; } = new object?[TaskIds.Length];
    public FlowTaskStatus[] Statuses { get; } = new FlowTaskStatus[TaskIds.Length];

    public string RunId { get; set; } = "run-1";
    public string WorkflowId { get; set; } = "wf";

    public bool TryGetInput(string name, out object? value) => Inputs.TryGetValue(name, out value);
    public bool TryGetContext(string name, out object? value) => Context.TryGetValue(name, out value);
    public bool TryGetParam(string name, out object? value) => Params.TryGetValue(name, out value);
    public object? GetTaskOutput(int task) => Outputs[task];
    public FlowTaskStatus GetTaskStatus(int task) => Statuses[task];

    public TestContext Input(string name, object? value)
    {
        Inputs[name] = value;
        return this;
    }

    public TestContext Output(string task, object? value)
    {
        Outputs[Array.IndexOf(TaskIds, task)] = value;
        return this;
    }

    public TestContext Status(string task, FlowTaskStatus status)
    {
        Statuses[Array.IndexOf(TaskIds, task)] = status;
        return this;
    }
}
