using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Remote;

/// <summary>One attempt of one task as a run's history tells it: when it started and ended, how
/// it ended, its error, and when the next attempt was due.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt number, from 1.</param>
internal sealed record AttemptDetail(string TaskId, int Attempt)
{
    public DateTime? StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>How it ended: completed, failed, retried, timeout, cancelled, ...; null while under way (or
    /// when a restart interrupted it before it ended).</summary>
    public string? Outcome { get; set; }

    public ErrorRecord? Error { get; set; }

    /// <summary>When the next attempt was due, when this one was retried.</summary>
    public DateTime? RetryDueAt { get; set; }

    /// <summary>Every attempt of every task in <paramref name="history"/>, by task in order of first
    /// appearance, then by attempt.</summary>
    public static IReadOnlyList<AttemptDetail> From(IReadOnlyList<HistoryEntry> history)
    {
        var attempts = new Dictionary<(string, int), AttemptDetail>();
        var order = new List<AttemptDetail>();
        foreach (var entry in history)
        {
            if (entry.TaskId is not { } task || entry.Attempt <= 0)
            {
                continue;
            }

            if (!attempts.TryGetValue((task, entry.Attempt), out var attempt))
            {
                attempt = new AttemptDetail(task, entry.Attempt);
                attempts.Add((task, entry.Attempt), attempt);
                order.Add(attempt);
            }

            switch (entry.Type)
            {
                case "task.started":
                    attempt.StartedAt ??= entry.At;
                    break;
                case "task.retrying":
                    // The attempt failed and another was scheduled: its end is the retry decision.
                    attempt.EndedAt ??= entry.At;
                    attempt.Outcome ??= "retried";
                    attempt.RetryDueAt = entry.DueAt;
                    attempt.Error ??= entry.Error;
                    break;
                case var type when type.StartsWith("task.", StringComparison.Ordinal):
                    attempt.EndedAt = entry.At;
                    attempt.Outcome = entry.Status ?? entry.Type.Replace("task.", string.Empty, StringComparison.Ordinal);
                    attempt.Error = entry.Error ?? attempt.Error;
                    break;
            }
        }

        var taskOrder = order.Select(static a => a.TaskId).Distinct(StringComparer.Ordinal).ToList();
        return [.. order.OrderBy(a => taskOrder.IndexOf(a.TaskId)).ThenBy(static a => a.Attempt)];
    }
}
