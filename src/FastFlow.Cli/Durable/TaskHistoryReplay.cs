using FastFlow.Cli.Output;
using FastFlow.Durability;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Durable;

/// <summary>Each task of a stored run as its history tells it — latest status, attempts, output,
/// error and timings — read without an engine, for <c>status</c> and for the display of a run
/// being resumed. The history is folded by the engine's own <see cref="HistoryFold"/>, so this
/// view and recovery agree on what every entry means (retries, resumes, rollbacks).</summary>
internal static class TaskHistoryReplay
{
    /// <summary>The tasks after every entry of <paramref name="entries"/>, in declaration order,
    /// then any the history names that <paramref name="declared"/> does not (a definition that
    /// cannot be loaded is shown from its history alone).</summary>
    /// <param name="declared">The run's tasks in declaration order (empty when the definition is unknown).</param>
    /// <param name="entries">The history, from its first entry.</param>
    /// <param name="pausesOnFailure">Whether a task's failure pauses the run (its <c>on_failure</c> is <c>pause</c>).</param>
    public static IReadOnlyList<TaskReport> Replay(IReadOnlyList<string> declared, IReadOnlyList<HistoryEntry> entries, Func<string, bool> pausesOnFailure)
    {
        List<string> ids = [.. declared];
        var known = new HashSet<string>(declared, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.TaskId is { } id && known.Add(id))
            {
                ids.Add(id);
            }
        }

        var fold = new HistoryFold(ids, task => pausesOnFailure(ids[task]), () => entries);
        var state = fold.Apply(new RestoredState(ids.Count), entries);
        return [.. ids.Select((id, task) => ToReport(id, state, task))];
    }

    private static TaskReport ToReport(string id, RestoredState state, int task)
    {
        var status = state.Status[task];
        return new TaskReport(
            id,
            status,
            state.Attempts[task],
            status is FlowTaskStatus.Completed or FlowTaskStatus.Compensated ? state.Outputs[task] : null,
            status is FlowTaskStatus.Completed ? null : state.Errors[task],
            Optional(state.FirstStartedAt[task]),
            Optional(state.EndedAt[task]));
    }

    private static DateTimeOffset? Optional(DateTime time) => time == default ? null : Utc(time);

    /// <summary>A stored time (UTC) as an offset time.</summary>
    public static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>A stored error as the engine's; an unknown category reads as permanent.</summary>
    public static TaskError? ToError(ErrorRecord? record) => HistoryFold.ToError(record);
}
