using FastFlow.Expressions;

namespace FastFlow.Benchmarks.Expressions;

/// <summary>A run's data as the engine hands it to expressions: inputs by name and task outputs
/// by index, held in plain dictionaries so that the hand-written baselines read the very same
/// objects as the compiled expressions.</summary>
internal sealed class DictionaryEvaluationContext(Dictionary<string, object?> inputs, object?[] outputs) : IEvaluationContext
{
    /// <summary>The run's inputs, read by the hand-written lambdas.</summary>
    public Dictionary<string, object?> Inputs { get; } = inputs;

    /// <summary>Task outputs by task index, read by the hand-written lambdas.</summary>
    public object?[] Outputs { get; } = outputs;

    public string RunId => "run-1";

    public string WorkflowId => "pipeline";

    public bool TryGetInput(string name, out object? value) => Inputs.TryGetValue(name, out value);

    public bool TryGetContext(string name, out object? value)
    {
        value = null;
        return false;
    }

    public object? GetTaskOutput(int task) => Outputs[task];

    public FlowTaskStatus GetTaskStatus(int task) => FlowTaskStatus.Completed;

    public bool TryGetParam(string name, out object? value)
    {
        value = null;
        return false;
    }
}
