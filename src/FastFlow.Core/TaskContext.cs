using FastFlow.Definitions;
using FastFlow.Execution;
using FastFlow.Expressions;
using FastFlow.Registry;
using Microsoft.Extensions.Logging;

namespace FastFlow;

/// <summary>One attempt of one task, as its handler sees it. A small struct: passing it costs
/// nothing, and every property reads the run lazily.</summary>
public readonly struct TaskContext
{
    private readonly IAttemptHost _host;
    private readonly int _task;

    internal TaskContext(IAttemptHost host, int task, int attempt, CancellationToken cancellationToken)
    {
        _host = host;
        _task = task;
        Attempt = attempt;
        CancellationToken = cancellationToken;
    }

    /// <summary>The run's id.</summary>
    public string RunId => _host.RunId;

    /// <summary>The workflow's id.</summary>
    public string WorkflowId => _host.WorkflowId;

    /// <summary>The task's id.</summary>
    public string TaskId => _host.GetTaskId(_task);

    /// <summary>The attempt number, 1 for the first.</summary>
    public int Attempt { get; }

    /// <summary><c>runId/taskId/attempt</c>: the same for a re-run of the same attempt after a
    /// crash, different for each retry. Use it to make side effects idempotent.</summary>
    public string IdempotencyKey => string.Concat(RunId, "/", TaskId, "/", Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Fires when the attempt times out or the run is cancelled.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>When this attempt started. An attempt that a restart of a durable engine interrupted
    /// runs again with the same <see cref="Attempt"/> and keeps its original start, so work timed from
    /// it (a <c>delay</c>) ends when it would have.</summary>
    public DateTimeOffset StartedAt => _host.GetAttemptStartedAt(_task) ?? TimeProvider.GetUtcNow();

    /// <summary>The action or handler the task runs.</summary>
    public string Action => _host.GetActionName(_task);

    /// <summary>The ids of the tasks this one depends on.</summary>
    public IReadOnlyList<string> DependencyIds => _host.GetDependencyIds(_task);

    /// <summary>The task's options as written.</summary>
    public TaskOptions Options => _host.GetTaskOptions(_task);

    /// <summary>The task's parameters with templates resolved for this attempt.</summary>
    public IReadOnlyDictionary<string, object?> Parameters => _host.GetParameters(_task);

    /// <summary>The run's inputs, defaults applied.</summary>
    public IReadOnlyDictionary<string, object?> Inputs => _host.Inputs;

    /// <summary>A snapshot of the run's context (written by <c>set</c> tasks and <see cref="SetContext"/>).</summary>
    public IReadOnlyDictionary<string, object?> Context => _host.Context;

    /// <summary>The engine's logger.</summary>
    public ILogger Logger => _host.Services.Logger;

    /// <summary>The engine's clock.</summary>
    public TimeProvider TimeProvider => _host.Services.TimeProvider;

    /// <summary>The service provider the engine was built with, if any.</summary>
    public IServiceProvider? Services => _host.Services.ServiceProvider;

    /// <summary>A parameter by name, or null when absent.</summary>
    public object? GetParameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Writes a value into the run's context, visible to later tasks as <c>context.key</c>.</summary>
    public void SetContext(string key, object? value) => _host.SetContext(key, value);

    /// <summary>The output of a completed task of this run, or null.</summary>
    public object? GetOutput(string taskId) => _host.GetOutput(taskId);

    internal int TaskIndex => _task;

    internal object? Prepared => _host.GetPrepared(_task);

    internal IEvaluationContext Evaluation => _host.Evaluation;

    internal EngineServices EngineServices => _host.Services;

    internal FlowRegistry Registry => _host.Services.Registry;

    /// <summary>A context for unit-testing a handler outside an engine.</summary>
    /// <param name="taskId">The task id the handler sees.</param>
    /// <param name="parameters">Resolved parameters.</param>
    /// <param name="inputs">Run inputs.</param>
    /// <param name="attempt">The attempt number.</param>
    /// <param name="cancellationToken">The attempt's token.</param>
    /// <param name="options">Engine options the handler sees (file root, exec permission...).</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    public static TaskContext ForTest(
        string taskId,
        IReadOnlyDictionary<string, object?>? parameters = null,
        IReadOnlyDictionary<string, object?>? inputs = null,
        int attempt = 1,
        CancellationToken cancellationToken = default,
        FlowEngineOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        var host = new StandaloneAttemptHost(taskId, parameters, inputs, EngineServices.CreateDefault(options, timeProvider));
        return new TaskContext(host, 0, attempt, cancellationToken);
    }
}
