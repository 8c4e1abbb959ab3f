using FastFlow.Execution;
using FastFlow.Storage.Runs;

namespace FastFlow.Durability;

/// <summary>The meaning of a run's history: folds its entries, in order, into the state they
/// describe (task statuses, attempts, outputs, errors, timings, retry due times, context, the
/// run's phase). Recovery (<see cref="HistoryReplay"/>) and the CLI's read-only view of a stored
/// run both read histories through this one fold, so they cannot disagree on what an entry means.
/// Applying an entry sets values (never adds to them), so an entry applied twice changes nothing.</summary>
/// <param name="taskIds">The run's task ids; a task's index in the state is its index here.</param>
/// <param name="pausesOnFailure">Whether a task's failure pauses the run (its <c>on_failure</c>, resolved).</param>
/// <param name="wholeHistory">The history from its first entry, read when a rollback needs the state
/// a checkpoint covered.</param>
/// <param name="unknownTask">Told about an entry naming a task not in <paramref name="taskIds"/> (then ignored).</param>
internal sealed class HistoryFold(
    IReadOnlyList<string> taskIds,
    Func<int, bool> pausesOnFailure,
    Func<IReadOnlyList<HistoryEntry>> wholeHistory,
    Action<HistoryEntry>? unknownTask = null)
{
    private readonly Dictionary<string, int> _indexes = Index(taskIds);

    public int TaskCount => taskIds.Count;

    /// <summary>Applies <paramref name="entries"/> with a sequence below <paramref name="upTo"/> to <paramref name="state"/>.</summary>
    public RestoredState Apply(RestoredState state, IEnumerable<HistoryEntry> entries, long upTo = long.MaxValue)
    {
        foreach (var entry in entries)
        {
            if (entry.Sequence >= upTo)
            {
                break;
            }

            ApplyEntry(state, entry);
            state.Applied = entry.Sequence + 1;
        }

        return state;
    }

    /// <summary>The state at the moment a checkpoint covers: the history's first <paramref name="covers"/> entries.</summary>
    public RestoredState StateAt(long covers) => Apply(new RestoredState(TaskCount), wholeHistory(), covers);

    /// <summary>The index of a task, or -1.</summary>
    public int IndexOf(string taskId) => _indexes.TryGetValue(taskId, out var index) ? index : -1;

    private void ApplyEntry(RestoredState state, HistoryEntry entry)
    {
        switch (entry.Type)
        {
            case "workflow.started":
                if (state.Phase == RunPhase.Failed)
                {
                    // A failed run retried: what did not complete runs again.
                    ResetUnfinished(state);
                }

                state.Phase = RunPhase.Running;
                state.RunStartedAt ??= entry.At;
                return;
            case "workflow.paused":
                state.Phase = RunPhase.Paused;
                return;
            case "workflow.resumed":
                state.Phase = RunPhase.Running;
                foreach (var task in state.AwaitingDecision)
                {
                    // Resume retries a task whose failure paused the run.
                    Reset(state, task);
                }

                state.AwaitingDecision.Clear();
                return;
            case "workflow.completed":
                state.Phase = RunPhase.Completed;
                return;
            case "workflow.failed":
                state.Phase = RunPhase.Failed;
                state.RunError = ToError(entry.Error);
                return;
            case "workflow.cancelled":
                state.Phase = RunPhase.Cancelled;
                return;
            case HistoryTypes.RunCancelling:
                state.Phase = RunPhase.Cancelling;
                return;
            case HistoryTypes.RunCompensating:
                state.Phase = RunPhase.Compensating;
                state.RunError = new TaskError(ErrorCategory.Permanent, entry.Reason ?? "A task failed; the run compensates.");
                return;
            case HistoryTypes.ContextSet when entry.Key is { } key:
                state.Context[key] = entry.Value;
                return;
            case HistoryTypes.RolledBack:
                RollBack(state, entry);
                return;
        }

        if (entry.TaskId is null)
        {
            return;
        }

        var index = IndexOf(entry.TaskId);
        if (index < 0)
        {
            unknownTask?.Invoke(entry);
            return;
        }

        switch (entry.Type)
        {
            case "task.started":
                if (state.EndedAt[index] != default)
                {
                    // It ended and runs again (a resumed or retried run): time the new go only.
                    state.FirstStartedAt[index] = default;
                    state.EndedAt[index] = default;
                }

                if (state.FirstStartedAt[index] == default)
                {
                    state.FirstStartedAt[index] = entry.At;
                }

                state.Status[index] = FlowTaskStatus.InProgress;
                state.Attempts[index] = Math.Max(state.Attempts[index], entry.Attempt);
                // A re-run of an interrupted attempt (it has a reason) keeps the attempt's first start.
                state.StartedAt[index] = entry.Reason is null || state.StartedAt[index] == default ? entry.At : state.StartedAt[index];
                state.DueAt[index] = null;
                return;
            case "task.completed":
                End(state, index, FlowTaskStatus.Completed, entry);
                state.Outputs[index] = entry.Output;
                state.Errors[index] = null;
                state.CompletionOrder.Remove(index);
                state.CompletionOrder.Add(index);
                return;
            case "task.failed":
                End(state, index, entry.Status == "timeout" ? FlowTaskStatus.Timeout : FlowTaskStatus.Failed, entry);
                state.Errors[index] = ToError(entry.Error);
                if (pausesOnFailure(index))
                {
                    state.AwaitingDecision.Add(index);
                }

                return;
            case "task.retrying":
                state.Status[index] = FlowTaskStatus.Waiting;
                state.Attempts[index] = Math.Max(state.Attempts[index], entry.Attempt);
                state.Errors[index] = ToError(entry.Error);
                state.DueAt[index] = entry.DueAt ?? entry.At;
                return;
            case "task.skipped":
                End(state, index, FlowTaskStatus.Skipped, entry);
                state.AwaitingDecision.Remove(index);
                return;
            case HistoryTypes.TaskCompensated:
                state.Status[index] = FlowTaskStatus.Compensated;
                return;
            case HistoryTypes.TaskCancelled:
                End(state, index, FlowTaskStatus.Cancelled, entry);
                return;
        }
    }

    private static void End(RestoredState state, int task, FlowTaskStatus status, HistoryEntry entry)
    {
        state.Status[task] = status;
        state.Attempts[task] = Math.Max(state.Attempts[task], entry.Attempt);
        state.EndedAt[task] = entry.At;
    }

    /// <summary>A rollback: the state becomes what the history held when the checkpoint was taken
    /// (its entry's <c>Value</c> is the number of entries the checkpoint covers); the run is paused.</summary>
    private void RollBack(RestoredState state, HistoryEntry entry)
    {
        var then = StateAt(entry.Value is long count ? count : 0);
        Array.Copy(then.Status, state.Status, state.Status.Length);
        // Attempt numbers are not rolled back: work done again gets new idempotency keys.
        Array.Copy(then.Outputs, state.Outputs, state.Outputs.Length);
        Array.Copy(then.Errors, state.Errors, state.Errors.Length);
        Array.Copy(then.StartedAt, state.StartedAt, state.StartedAt.Length);
        Array.Copy(then.FirstStartedAt, state.FirstStartedAt, state.FirstStartedAt.Length);
        Array.Copy(then.EndedAt, state.EndedAt, state.EndedAt.Length);
        Array.Copy(then.DueAt, state.DueAt, state.DueAt.Length);
        state.Context.Clear();
        foreach (var (key, value) in then.Context)
        {
            state.Context[key] = value;
        }

        state.CompletionOrder.Clear();
        state.CompletionOrder.AddRange(then.CompletionOrder);
        // Later tasks return to pending: whatever was under way, waiting or failed starts again.
        ResetUnfinished(state);
        state.RunError = null;
        state.Phase = RunPhase.Paused;
    }

    /// <summary>Every task that did not complete goes back to pending (a failed run retried or rolled back).</summary>
    private static void ResetUnfinished(RestoredState state)
    {
        for (var task = 0; task < state.Status.Length; task++)
        {
            if (state.Status[task] != FlowTaskStatus.Completed)
            {
                Reset(state, task);
            }
        }

        state.AwaitingDecision.Clear();
    }

    /// <summary>Back to pending, to run again; the attempts already made stay counted.</summary>
    private static void Reset(RestoredState state, int task)
    {
        state.Status[task] = FlowTaskStatus.Pending;
        state.Outputs[task] = null;
        state.Errors[task] = null;
        state.DueAt[task] = null;
        state.FirstStartedAt[task] = default;
        state.EndedAt[task] = default;
    }

    /// <summary>A stored error as the engine's; an unknown category reads as permanent.</summary>
    public static TaskError? ToError(ErrorRecord? record) =>
        record is null ? null : new TaskError(WireNames.TryParse<ErrorCategory>(record.Category, out var category) ? category.Value : ErrorCategory.Permanent, record.Message);

    private static Dictionary<string, int> Index(IReadOnlyList<string> ids)
    {
        var indexes = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            indexes.TryAdd(ids[i], i);
        }

        return indexes;
    }
}
