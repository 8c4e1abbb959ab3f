using System.Collections.Concurrent;
using FastFlow.Data;
using FastFlow.Definitions;
using FastFlow.Durability;
using FastFlow.Storage.Stores;
using FastFlow.Events;
using FastFlow.Expressions;

namespace FastFlow.Execution;

/// <summary>What handlers and expressions read of a run.</summary>
internal sealed partial class RunExecution : IAttemptHost, IEvaluationContext
{
    IReadOnlyDictionary<string, object?> IAttemptHost.Context => ContextSnapshot();

    IEvaluationContext IAttemptHost.Evaluation => this;

    EngineServices IAttemptHost.Services => _engine.Services;

    public string GetTaskId(int task) => _plan.GetTaskId(task);

    TaskOptions IAttemptHost.GetTaskOptions(int task) => _plan.Definition.Tasks.GetOptions(task);

    string IAttemptHost.GetActionName(int task) => _tasks[task].ActionName;

    IReadOnlyList<string> IAttemptHost.GetDependencyIds(int task) => _plan.Definition.Tasks[task].DependencyIds;

    IReadOnlyDictionary<string, object?> IAttemptHost.GetParameters(int task)
    {
        return _tasks[task].ResolveParameters(this);
    }

    object? IAttemptHost.GetPrepared(int task) => _tasks[task].Prepared;

    void IAttemptHost.SetContext(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ContextValues[key] = value;
        if (_journal is not null)
        {
            JournalNote(HistoryTypes.ContextSet, key: key, value: PlainData.Normalize(value));
        }
    }

    object? IAttemptHost.GetOutput(string taskId)
    {
        var index = _plan.Definition.Tasks.IndexOf(taskId);
        return index >= 0 ? GetTaskOutput(index) : null;
    }

    private ConcurrentDictionary<string, object?> ContextValues
    {
        get
        {
            var context = Volatile.Read(ref _context);
            if (context is not null)
            {
                return context;
            }

            var created = new ConcurrentDictionary<string, object?>(StringComparer.Ordinal);
            return Interlocked.CompareExchange(ref _context, created, null) ?? created;
        }
    }

    /// <summary>A copy of the run's context, sorted by key.</summary>
    public IReadOnlyDictionary<string, object?> ContextSnapshot()
    {
        var context = Volatile.Read(ref _context);
        if (context is null)
        {
            return s_emptyContext;
        }

        var copy = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in context)
        {
            copy[key] = value;
        }

        return copy;
    }

    private static readonly IReadOnlyDictionary<string, object?> s_emptyContext = new Dictionary<string, object?>(0);

    bool IEvaluationContext.TryGetInput(string name, out object? value) => Inputs.TryGetValue(name, out value);

    bool IEvaluationContext.TryGetContext(string name, out object? value)
    {
        if (Volatile.Read(ref _context) is { } context)
        {
            return context.TryGetValue(name, out value);
        }

        value = null;
        return false;
    }

    /// <summary>A task's output as plain data (normalized once, on first read).</summary>
    public object? GetTaskOutput(int task)
    {
        if (_outputs is not { } outputs)
        {
            return null;
        }

        var output = Volatile.Read(ref outputs[task]);
        var normalized = Data.PlainData.Normalize(output);
        if (!ReferenceEquals(normalized, output))
        {
            // Handlers may return any .NET value; expressions read plain data. Keep the converted form.
            Interlocked.CompareExchange(ref outputs[task], normalized, output);
        }

        return normalized;
    }

    FlowTaskStatus IEvaluationContext.GetTaskStatus(int task) => GetTaskStatus(task);

    bool IEvaluationContext.TryGetParam(string name, out object? value)
    {
        value = null;
        return false;
    }

    /// <summary>Moves a task from the status it has to <paramref name="status"/> and announces it.
    /// The move is a compare-and-swap, and <see cref="FreezeResult"/> cancels unfinished tasks the same
    /// way: whichever comes first wins, so a task either announces its end once and keeps that status,
    /// or is cancelled by the run's end and announces nothing. Events are raised outside any lock, so
    /// an observer may block or call back into the run. False when the run ended first; the caller stops.</summary>
    /// <remarks>A decision (skipping a task whose failure paused the run) names the status it moves
    /// from in <paramref name="from"/>, which may be <c>failed</c>; otherwise any unfinished status may move.</remarks>
    private bool Announce(int task, FlowTaskStatus status, FlowEventType type, int attempt, TaskError? error = null, TimeSpan? delay = null, FlowTaskStatus? from = null)
    {
        if (((RunPhase)_phase).IsTerminal())
        {
            return false;
        }

        var current = Volatile.Read(ref _status[task]);
        if ((from is { } expected ? current != (byte)expected : IsTerminalStatus((FlowTaskStatus)current)) ||
            Interlocked.CompareExchange(ref _status[task], (byte)status, current) != current)
        {
            return false;
        }

        if (status is FlowTaskStatus.Failed or FlowTaskStatus.Timeout or FlowTaskStatus.Skipped or FlowTaskStatus.Cancelled)
        {
            _irregular = true;
        }

        Publish(type, task, attempt, error, delay);
        return true;
    }

    private static bool IsTerminalStatus(FlowTaskStatus status) =>
        status is FlowTaskStatus.Completed or FlowTaskStatus.Failed or FlowTaskStatus.Skipped or FlowTaskStatus.Timeout
            or FlowTaskStatus.Cancelled or FlowTaskStatus.Compensated;

    private void Publish(FlowEventType type, int task, int attempt, TaskError? error = null, TimeSpan? delay = null)
    {
        var ticket = JournalTask(type, task, attempt, error, delay);
        if (!_engine.Events.HasSubscribers)
        {
            return;
        }

        Deliver(new FlowEvent
        {
            Type = type,
            RunId = RunId,
            WorkflowId = WorkflowId,
            TaskId = _plan.GetTaskId(task),
            Attempt = attempt,
            Timestamp = _engine.Services.TimeProvider.GetUtcNow(),
            TaskStatus = GetTaskStatus(task),
            Error = error,
            RetryDelay = delay,
        }, ticket);
    }

    private StoreTicket PublishRun(FlowEventType type, RunStatus status, string actor = "engine", string? reason = null)
    {
        var ticket = JournalRun(type, status, actor, reason);
        if (!_engine.Events.HasSubscribers)
        {
            return ticket;
        }

        Deliver(new FlowEvent
        {
            Type = type,
            RunId = RunId,
            WorkflowId = WorkflowId,
            Timestamp = _engine.Services.TimeProvider.GetUtcNow(),
            RunStatus = status,
            Error = status is RunStatus.Failed or RunStatus.Cancelled ? Error : null,
        }, ticket);
        return ticket;
    }
}
