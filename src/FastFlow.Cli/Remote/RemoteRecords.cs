using FastFlow.Protocol.Messages;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Remote;

/// <summary>The runs and history entries a server sends, in the shapes the data directory keeps
/// them, so that <c>list</c> and <c>history</c> print with the writers of <c>runs</c> and
/// <c>history</c> (same tables, same JSON).</summary>
internal static class RemoteRecords
{
    /// <summary>One row of a run list. <paramref name="error"/> is the run's error, which a list
    /// row of the protocol does not carry (the caller asks for it).</summary>
    public static RunRecord RunOf(RunSummary run, ErrorInfo? error) => new()
    {
        RunId = run.RunId,
        WorkflowId = run.WorkflowId,
        Status = run.Status,
        Priority = run.Priority,
        CreatedAt = Utc(run.CreatedAt) ?? default,
        StartedAt = Utc(run.StartedAt),
        CompletedAt = Utc(run.CompletedAt),
        Error = RemoteRunReport.RecordOf(error),
    };

    /// <summary>One history entry. The protocol carries a context write's value in <c>output</c>.</summary>
    public static HistoryEntry EntryOf(HistoryItem item) => new()
    {
        Sequence = item.Seq,
        At = Utc(item.Time) ?? default,
        Type = item.Kind,
        TaskId = item.TaskId,
        Attempt = item.Attempt,
        Actor = item.Actor,
        Reason = item.Reason,
        Status = item.Status,
        Output = item.Key is null ? item.Output : null,
        Value = item.Key is null ? null : item.Output,
        Error = RemoteRunReport.RecordOf(item.Error),
        DueAt = Utc(item.DueAt),
        Key = item.Key,
        CheckpointId = item.CheckpointId,
    };

    private static DateTime? Utc(DateTimeOffset? time) => time?.UtcDateTime;
}
