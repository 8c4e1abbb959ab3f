using FastFlow.Definitions;
using FastFlow.Execution;
using FastFlow.Expressions;
using FastFlow.Registry;
using FastFlow.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastFlow.Core.Tests.Agents;

/// <summary>A one-task run for agent_task tests: a real registry, the task's options, what
/// Prepare returned and the outputs of upstream tasks.</summary>
internal sealed class AgentTestHost : IAttemptHost, IEvaluationContext
{
    private readonly Dictionary<string, object?> _context = new(StringComparer.Ordinal);

    public AgentTestHost(FlowRegistry registry, TaskOptions options, object? prepared = null)
    {
        Options = options;
        Prepared = prepared;
        Services = new EngineServices(new FlowEngineOptions(), registry, NullLogger.Instance, TimeProvider.System, new TimerQueue(TimeProvider.System), null);
    }

    public TaskOptions Options { get; }

    public object? Prepared { get; set; }

    public Dictionary<string, object?> Outputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> InputValues { get; } = new(StringComparer.Ordinal);

    public string RunId => "run-1";

    public string WorkflowId => "wf";

    public IReadOnlyDictionary<string, object?> Inputs => InputValues;

    public IReadOnlyDictionary<string, object?> Context => new Dictionary<string, object?>(_context, StringComparer.Ordinal);

    public IEvaluationContext Evaluation => this;

    public EngineServices Services { get; }

    public TaskContext CreateContext(int attempt = 1, CancellationToken cancellationToken = default) =>
        new(this, 0, attempt, cancellationToken);

    public string GetTaskId(int task) => "analyze";

    public TaskOptions GetTaskOptions(int task) => Options;

    /// <summary>The ids the task depends on, as the engine would give them.</summary>
    public List<string> DependencyIdList { get; } = [];

    public IReadOnlyList<string> GetDependencyIds(int task) => DependencyIdList;

    public string GetActionName(int task) => "agent_task";

    public IReadOnlyDictionary<string, object?> GetParameters(int task) => Options.Parameters ?? new Dictionary<string, object?>();

    public object? GetPrepared(int task) => Prepared;

    public DateTimeOffset? GetAttemptStartedAt(int task) => null;

    public void SetContext(string key, object? value) => _context[key] = value;

    public object? GetOutput(string taskId) => Outputs.TryGetValue(taskId, out var output) ? output : null;

    public bool TryGetInput(string name, out object? value) => InputValues.TryGetValue(name, out value);

    public bool TryGetContext(string name, out object? value) => _context.TryGetValue(name, out value);

    public object? GetTaskOutput(int task) => null;

    public FlowTaskStatus GetTaskStatus(int task) => FlowTaskStatus.Pending;

    public bool TryGetParam(string name, out object? value)
    {
        value = null;
        return false;
    }
}
