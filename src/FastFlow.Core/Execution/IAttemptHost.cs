using FastFlow.Definitions;
using FastFlow.Expressions;

namespace FastFlow.Execution;

/// <summary>What a <see cref="TaskContext"/> reads from: a run of the engine, or a standalone
/// host for unit tests of handlers. Every member is off the hot path: a handler that touches
/// nothing costs nothing.</summary>
internal interface IAttemptHost
{
    string RunId { get; }

    string WorkflowId { get; }

    string GetTaskId(int task);

    TaskOptions GetTaskOptions(int task);

    /// <summary>The ids of the tasks <paramref name="task"/> depends on.</summary>
    IReadOnlyList<string> GetDependencyIds(int task);

    /// <summary>The action or handler name the task runs (<c>inline</c> for builder code).</summary>
    string GetActionName(int task);

    /// <summary>The task's parameters with templates resolved for this attempt.</summary>
    IReadOnlyDictionary<string, object?> GetParameters(int task);

    /// <summary>What the task's action prepared at compile time (a compiled expression...).</summary>
    object? GetPrepared(int task);

    /// <summary>When a durable engine first started the task's current attempt, if it re-runs an
    /// attempt a restart interrupted or the attempt is under way; null otherwise.</summary>
    DateTimeOffset? GetAttemptStartedAt(int task);

    IReadOnlyDictionary<string, object?> Inputs { get; }

    /// <summary>A snapshot of the run's context.</summary>
    IReadOnlyDictionary<string, object?> Context { get; }

    void SetContext(string key, object? value);

    /// <summary>The output of a completed task, or null.</summary>
    object? GetOutput(string taskId);

    /// <summary>Evaluates expressions against this run.</summary>
    IEvaluationContext Evaluation { get; }

    EngineServices Services { get; }
}
