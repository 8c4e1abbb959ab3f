using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Protocol.Messages;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Remote;

/// <summary>A run as a server reports it, turned into the <see cref="RunReport"/> the local
/// commands print, so that <c>status --server</c> and <c>submit --wait</c> print what
/// <c>run</c> and <c>status</c> print.</summary>
internal static class RemoteRunReport
{
    private static readonly Dictionary<string, object?> s_noOutputs = new(0);

    public static RunReport From(RunStateMessage state) => new()
    {
        RunId = state.RunId,
        WorkflowId = state.WorkflowId,
        Status = RunStatusOf(state.Status),
        StartedAt = state.StartedAt,
        CompletedAt = state.CompletedAt,
        Error = ErrorOf(state.Error),
        Tasks = [.. state.Tasks.Select(static task => new TaskReport(
            task.Id,
            TaskStatusOf(task.Status),
            task.Attempts,
            task.Output,
            ErrorOf(task.Error),
            task.StartedAt,
            task.EndedAt))],
        Outputs = state.Outputs ?? s_noOutputs,
    };

    /// <summary>A run status by its wire name; a name this version does not know reads as running
    /// (the run has not ended as far as this client can tell).</summary>
    public static RunStatus RunStatusOf(string wire) =>
        WireNames.TryParse<RunStatus>(wire, out var status) ? status.Value : RunStatus.Running;

    /// <summary>A task status by its wire name, with the protocol's plainer names for the engine's
    /// (<c>running</c> for in_progress, <c>ready</c> for assigned, <c>retrying</c> for a task waiting
    /// for its next attempt).</summary>
    public static FlowTaskStatus TaskStatusOf(string wire)
    {
        if (WireNames.TryParse<FlowTaskStatus>(wire, out var status))
        {
            return status.Value;
        }

        return wire switch
        {
            "running" => FlowTaskStatus.InProgress,
            "ready" => FlowTaskStatus.Assigned,
            "retrying" => FlowTaskStatus.Waiting,
            _ => FlowTaskStatus.Pending,
        };
    }

    /// <summary>An error of the protocol as the engine's (an unknown category reads as permanent).</summary>
    public static TaskError? ErrorOf(ErrorInfo? error) => error is null ? null : TaskHistoryReplay.ToError(RecordOf(error));

    /// <summary>An error of the protocol as the store keeps it.</summary>
    public static ErrorRecord? RecordOf(ErrorInfo? error) =>
        error is null ? null : new ErrorRecord { Category = error.Category, Message = error.Message };
}
