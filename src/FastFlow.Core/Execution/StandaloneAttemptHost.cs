using System.Collections.Concurrent;
using FastFlow.Definitions;
using FastFlow.Expressions;

namespace FastFlow.Execution;

/// <summary>The host of <see cref="TaskContext.ForTest"/>: one task, no run around it.</summary>
internal sealed class StandaloneAttemptHost(
    string taskId,
    IReadOnlyDictionary<string, object?>? parameters,
    IReadOnlyDictionary<string, object?>? inputs,
    EngineServices services) : IAttemptHost, IEvaluationContext
{
    private static readonly IReadOnlyDictionary<string, object?> s_empty = new Dictionary<string, object?>();
    private readonly ConcurrentDictionary<string, object?> _context = new(StringComparer.Ordinal);

    public string RunId { get; } = "test-run";

    public string WorkflowId => "test-workflow";

    public IReadOnlyDictionary<string, object?> Inputs { get; } = inputs ?? s_empty;

    public IReadOnlyDictionary<string, object?> Context => new Dictionary<string, object?>(_context, StringComparer.Ordinal);

    public IEvaluationContext Evaluation => this;

    public EngineServices Services { get; } = services;

    public string GetTaskId(int task) => taskId;

    public TaskOptions GetTaskOptions(int task) => TaskOptions.None;

    public IReadOnlyList<string> GetDependencyIds(int task) => [];

    public string GetActionName(int task) => "test";

    public IReadOnlyDictionary<string, object?> GetParameters(int task) => parameters ?? s_empty;

    public object? GetPrepared(int task) => null;

    public DateTimeOffset? GetAttemptStartedAt(int task) => null;

    public void SetContext(string key, object? value) => _context[key] = value;

    public object? GetOutput(string id) => null;

    public bool TryGetInput(string name, out object? value) => Inputs.TryGetValue(name, out value);

    public bool TryGetContext(string name, out object? value) => _context.TryGetValue(name, out value);

    public object? GetTaskOutput(int task) => null;

    public FlowTaskStatus GetTaskStatus(int task) => FlowTaskStatus.Pending;

    public bool TryGetParam(string name, out object? value)
    {
        value = null;
        return false;
    }
}
