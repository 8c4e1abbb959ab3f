using FastFlow.Protocol.Messages;
using FastFlow.Storage.Runs;

namespace FastFlow.Server.Requests;

/// <summary>Runs as the protocol shows them: the object of <c>fastflow run --json</c> (status
/// wire names, every task in declaration order with its status, attempts, output and error, the
/// outputs and times) plus the run's priority and error, from a live run or from its stored record.</summary>
internal static class RunStateMapper
{
    private static readonly IReadOnlyDictionary<string, object?> s_noOutputs = new Dictionary<string, object?>(0);

    /// <summary>A run of the engine, as it ended or as it stands.</summary>
    public static RunStateMessage From(RunResult result)
    {
        var tasks = new TaskState[result.TaskCount];
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = result.Tasks[i];
            tasks[i] = new TaskState
            {
                Id = task.Id,
                Status = task.Status.ToWireName(),
                Attempts = task.Attempts,
                Output = task.Output,
                Error = From(task.Error),
            };
        }

        return new RunStateMessage
        {
            RunId = result.RunId,
            WorkflowId = result.WorkflowId,
            Status = result.Status.ToWireName(),
            Priority = result.Priority.ToWireName(),
            CreatedAt = result.CreatedAt,
            StartedAt = result.StartedAt,
            CompletedAt = result.CompletedAt,
            Error = From(result.Error),
            Tasks = tasks,
            Outputs = result.Status == RunStatus.Completed ? result.Outputs : s_noOutputs,
        };
    }

    /// <summary>A run known only from the store. Its tasks are listed once it has ended (the record
    /// keeps them then); an unfinished run that is not active on the server shows none.</summary>
    public static RunStateMessage From(RunRecord record) => new()
    {
        RunId = record.RunId,
        WorkflowId = record.WorkflowId,
        Status = record.Status,
        Priority = record.Priority,
        CreatedAt = Utc(record.CreatedAt),
        StartedAt = Utc(record.StartedAt),
        CompletedAt = Utc(record.CompletedAt),
        Error = From(record.Error),
        Tasks = record.Tasks is { } tasks ? [.. tasks.Select(From)] : [],
        Outputs = record.Outputs ?? s_noOutputs,
    };

    /// <summary>A run of the engine in a list.</summary>
    public static RunSummary Summary(RunResult result) => new()
    {
        RunId = result.RunId,
        WorkflowId = result.WorkflowId,
        Status = result.Status.ToWireName(),
        Priority = result.Priority.ToWireName(),
        CreatedAt = result.CreatedAt,
        StartedAt = result.StartedAt,
        CompletedAt = result.CompletedAt,
    };

    /// <summary>A stored run in a list; <paramref name="liveStatus"/> wins over the record's
    /// status when the run is active here (the record trails the run between transitions).</summary>
    public static RunSummary Summary(RunRecord record, RunStatus? liveStatus) => new()
    {
        RunId = record.RunId,
        WorkflowId = record.WorkflowId,
        Status = liveStatus?.ToWireName() ?? record.Status,
        Priority = record.Priority,
        CreatedAt = Utc(record.CreatedAt),
        StartedAt = Utc(record.StartedAt),
        CompletedAt = Utc(record.CompletedAt),
    };

    /// <summary><c>{ category, message }</c>, or null.</summary>
    public static ErrorInfo? From(TaskError? error) =>
        error is null ? null : new ErrorInfo { Category = error.Category.ToWireName(), Message = error.Message };

    /// <summary>A stored error, or null.</summary>
    public static ErrorInfo? From(ErrorRecord? error) =>
        error is null ? null : new ErrorInfo { Category = error.Category, Message = error.Message };

    /// <summary>A stored time (UTC), or null.</summary>
    public static DateTimeOffset? Utc(DateTime? time) =>
        time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;

    private static TaskState From(TaskRecord task) => new()
    {
        Id = task.TaskId,
        Status = task.Status,
        Attempts = task.Attempts,
        Output = task.Output,
        Error = From(task.Error),
        StartedAt = Utc(task.StartedAt),
        EndedAt = Utc(task.EndedAt),
    };
}
