using FastFlow.Cli.Running;

namespace FastFlow.Cli.Output;

/// <summary>A run as the CLI shows it, in the summary and in the run object of <c>--json</c>:
/// from a run this process ran (its result and the events it saw) or from the data directory.</summary>
internal sealed record RunReport
{
    private static readonly IReadOnlyDictionary<string, object?> s_noOutputs = new Dictionary<string, object?>(0);

    public required string RunId { get; init; }

    public required string WorkflowId { get; init; }

    /// <summary>The definition's <c>name</c>, when it has one.</summary>
    public string? WorkflowName { get; init; }

    public required RunStatus Status { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run ended; null while it has not.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why the run failed or was cancelled.</summary>
    public TaskError? Error { get; init; }

    /// <summary>Every task, in declaration order.</summary>
    public required IReadOnlyList<TaskReport> Tasks { get; init; }

    /// <summary>The workflow's outputs, once it completed.</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = s_noOutputs;

    /// <summary>From start to end; to <paramref name="now"/> for a run that has not ended.</summary>
    public TimeSpan Elapsed(DateTimeOffset now) => StartedAt is { } start ? (CompletedAt ?? now) - start : TimeSpan.Zero;

    /// <summary>The report of a run this process ran: the engine's result, and the timings its events showed.</summary>
    public static RunReport From(RunResult result, RunProgress progress)
    {
        var tasks = new TaskReport[result.Tasks.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = result.Tasks[i];
            var seen = progress.Tasks[i];
            tasks[i] = new TaskReport(task.Id, task.Status, task.Attempts, task.Output, task.Error, seen.StartedAt, seen.EndedAt);
        }

        return new RunReport
        {
            RunId = result.RunId,
            WorkflowId = result.WorkflowId,
            WorkflowName = progress.WorkflowName,
            Status = result.Status,
            StartedAt = result.StartedAt ?? progress.StartedAt,
            CompletedAt = result.CompletedAt,
            Error = result.Error,
            Tasks = tasks,
            Outputs = result.Outputs,
        };
    }
}

/// <summary>One task of a <see cref="RunReport"/>.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="Attempts">Attempts started.</param>
/// <param name="Output">Its output, when it completed.</param>
/// <param name="Error">Its last error, when it did not complete.</param>
/// <param name="StartedAt">When its first attempt (of the latest go) started; null if it never did.</param>
/// <param name="EndedAt">When it ended; null while it has not.</param>
internal sealed record TaskReport(
    string Id,
    FlowTaskStatus Status,
    int Attempts,
    object? Output,
    TaskError? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>From its start to its end, to the run's end, or to now; null if it never started.</summary>
    public TimeSpan? Duration(DateTimeOffset? runEnded, DateTimeOffset now) =>
        StartedAt is { } start ? (EndedAt ?? runEnded ?? now) - start : null;
}
