using FastFlow.Protocol.Messages;
using FastFlow.Storage.Runs;

namespace FastFlow.Server.Requests;

/// <summary>A run's stored history as the protocol carries it.</summary>
internal static class HistoryMapper
{
    /// <summary>The reply to get_history: every entry, oldest first.</summary>
    public static HistoryMessage From(string runId, IReadOnlyList<HistoryEntry> entries)
    {
        var items = new HistoryItem[entries.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = From(entries[i]);
        }

        return new HistoryMessage { RunId = runId, Entries = items };
    }

    /// <summary>One entry; a context write's value travels as its output.</summary>
    public static HistoryItem From(HistoryEntry entry) => new()
    {
        Seq = entry.Sequence,
        Time = RunStateMapper.Utc(entry.At),
        Kind = entry.Type,
        TaskId = entry.TaskId,
        Attempt = entry.Attempt,
        Actor = entry.Actor,
        Reason = entry.Reason,
        Status = entry.Status,
        Output = entry.Output ?? entry.Value,
        Error = RunStateMapper.From(entry.Error),
        DueAt = RunStateMapper.Utc(entry.DueAt),
        Key = entry.Key,
        CheckpointId = entry.CheckpointId,
    };
}
