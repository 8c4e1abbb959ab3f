using FastFlow.Execution;
using FastFlow.Plans;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;

namespace FastFlow.Durability;

/// <summary>Rebuilds a run's state from its history: the history is the record of every
/// transition, so replaying it in order gives the state the run had when the last durable entry
/// was written. Replaying an entry sets values (never adds to them), so an entry applied twice
/// changes nothing. A corrupt entry stops the replay there; a good checkpoint (standard or above)
/// that covers past it is used instead, and whatever neither covers is reported as lost.</summary>
internal sealed class HistoryReplay(ExecutionPlan plan, RunStore records, string runId, List<RecoveryProblem> problems)
{
    /// <summary>The state after every durable entry.</summary>
    public RestoredState Rebuild()
    {
        var read = records.ReadHistoryTolerant(runId);
        var state = new RestoredState(plan.TaskCount);
        if (read.StoppedAt is not { } corrupt)
        {
            Apply(state, read.Entries, long.MaxValue);
            return state;
        }

        var checkpoint = records.GetLatestGoodCheckpoint(runId, out var skipped);
        foreach (var bad in skipped)
        {
            problems.Add(new RecoveryProblem(runId, bad.Where, $"{bad.Problem} The checkpoint was not used."));
        }

        var lostFrom = corrupt.Sequence ?? read.Entries.Count;
        if (checkpoint is not null && LevelNames.TryParse(checkpoint.Level, out var level) && level >= CheckpointLevel.Standard &&
            checkpoint.CoversSequence > lostFrom)
        {
            state = FromCheckpoint(checkpoint);
            var rest = records.ReadHistoryTolerant(runId, checkpoint.CoversSequence);
            Apply(state, rest.Entries, long.MaxValue);
            problems.Add(new RecoveryProblem(runId, corrupt.Where,
                $"{corrupt.Problem} Recovered from checkpoint {checkpoint.CheckpointId} (covering entries before {checkpoint.CoversSequence})" +
                (rest.StoppedAt is { } later ? $"; the history is corrupt again at {later.Where}: transitions from there on are lost and their tasks run again." : " and the history after it.")));
            return state;
        }

        Apply(state, read.Entries, long.MaxValue);
        problems.Add(new RecoveryProblem(runId, corrupt.Where,
            $"{corrupt.Problem} No good checkpoint covers it: transitions from sequence {lostFrom} on are lost; the tasks they concerned run again."));
        return state;
    }

    /// <summary>The state at the moment a checkpoint covers: the history's first <paramref name="covers"/> entries.</summary>
    public RestoredState StateAt(long covers)
    {
        var state = new RestoredState(plan.TaskCount);
        var read = records.ReadHistoryTolerant(runId);
        Apply(state, read.Entries, covers);
        return state;
    }

    private RestoredState FromCheckpoint(CheckpointRecord checkpoint)
    {
        var state = new RestoredState(plan.TaskCount);
        foreach (var task in checkpoint.Tasks)
        {
            var index = IndexOf(task.TaskId, $"checkpoint {checkpoint.CheckpointId}");
            if (index < 0 || !WireNames.TryParse<FlowTaskStatus>(task.Status, out var status))
            {
                continue;
            }

            state.Status[index] = status.Value switch
            {
                FlowTaskStatus.InProgress or FlowTaskStatus.Assigned => FlowTaskStatus.InProgress,
                _ => status.Value,
            };
            state.Attempts[index] = task.Attempts;
            state.Outputs[index] = task.Output;
            state.Errors[index] = ToError(task.Error);
            if (status.Value == FlowTaskStatus.Completed)
            {
                state.CompletionOrder.Add(index);
            }
        }

        if (checkpoint.Context is { } context)
        {
            foreach (var (key, value) in context)
            {
                state.Context[key] = value;
            }
        }

        state.Phase = WireNames.TryParse<RunStatus>(checkpoint.RunStatus, out var run) ? (RunPhase)run.Value : RunPhase.Running;
        state.Applied = checkpoint.CoversSequence;
        return state;
    }

    private void Apply(RestoredState state, IReadOnlyList<HistoryEntry> entries, long upTo)
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
    }

    private void ApplyEntry(RestoredState state, HistoryEntry entry)
    {
        switch (entry.Type)
        {
            case "workflow.started":
                if (state.Phase == RunPhase.Failed)
                {
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
                    state.Status[task] = FlowTaskStatus.Pending;
                    state.Errors[task] = null;
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

        var index = IndexOf(entry.TaskId, $"run/{runId}#{entry.Sequence}");
        if (index < 0)
        {
            return;
        }

        switch (entry.Type)
        {
            case "task.started":
                state.Status[index] = FlowTaskStatus.InProgress;
                state.Attempts[index] = Math.Max(state.Attempts[index], entry.Attempt);
                state.StartedAt[index] = entry.Reason is null || state.StartedAt[index] == default ? entry.At : state.StartedAt[index];
                state.DueAt[index] = null;
                return;
            case "task.completed":
                state.Status[index] = FlowTaskStatus.Completed;
                state.Attempts[index] = Math.Max(state.Attempts[index], entry.Attempt);
                state.Outputs[index] = entry.Output;
                state.Errors[index] = null;
                state.CompletionOrder.Remove(index);
                state.CompletionOrder.Add(index);
                return;
            case "task.failed":
                state.Status[index] = WireNames.TryParse<FlowTaskStatus>(entry.Status, out var failed) && failed.Value == FlowTaskStatus.Timeout
                    ? FlowTaskStatus.Timeout : FlowTaskStatus.Failed;
                state.Attempts[index] = Math.Max(state.Attempts[index], entry.Attempt);
                state.Errors[index] = ToError(entry.Error);
                if (ResolvesToPause(index))
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
                state.Status[index] = FlowTaskStatus.Skipped;
                state.AwaitingDecision.Remove(index);
                return;
            case HistoryTypes.TaskCompensated:
                state.Status[index] = FlowTaskStatus.Compensated;
                return;
            case HistoryTypes.TaskCancelled:
                state.Status[index] = FlowTaskStatus.Cancelled;
                return;
        }
    }

    /// <summary>A failure pauses the run when the task's policy (or, for <c>fail</c>, the run's) is <c>pause</c>.</summary>
    private bool ResolvesToPause(int task)
    {
        var policy = plan.Tasks[task].OnFailure;
        return (policy == FailurePolicy.Fail ? plan.OnFailure : policy) == FailurePolicy.Pause;
    }

    /// <summary>A rollback: the state becomes what the history held when the checkpoint was taken
    /// (its entry's <c>Value</c> is the number of entries the checkpoint covers); the run is paused.</summary>
    private void RollBack(RestoredState state, HistoryEntry entry)
    {
        var covers = entry.Value is long count ? count : 0;
        var then = StateAt(covers);
        Array.Copy(then.Status, state.Status, state.Status.Length);
        // Attempt numbers are not rolled back: work done again gets new idempotency keys.
        Array.Copy(then.Outputs, state.Outputs, state.Outputs.Length);
        Array.Copy(then.Errors, state.Errors, state.Errors.Length);
        Array.Copy(then.StartedAt, state.StartedAt, state.StartedAt.Length);
        Array.Copy(then.DueAt, state.DueAt, state.DueAt.Length);
        state.Context.Clear();
        foreach (var (key, value) in then.Context)
        {
            state.Context[key] = value;
        }

        state.CompletionOrder.Clear();
        state.CompletionOrder.AddRange(then.CompletionOrder);
        state.AwaitingDecision.Clear();
        for (var task = 0; task < state.Status.Length; task++)
        {
            // Later tasks return to pending: whatever was under way or waiting starts again.
            if (state.Status[task] is FlowTaskStatus.InProgress or FlowTaskStatus.Waiting or FlowTaskStatus.Assigned)
            {
                state.Status[task] = FlowTaskStatus.Pending;
                state.DueAt[task] = null;
            }
        }

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
                state.Status[task] = FlowTaskStatus.Pending;
                state.Errors[task] = null;
                state.DueAt[task] = null;
            }
        }

        state.AwaitingDecision.Clear();
    }

    private int IndexOf(string taskId, string where)
    {
        var index = plan.Definition.Tasks.IndexOf(taskId);
        if (index < 0)
        {
            problems.Add(new RecoveryProblem(runId, where, $"Task '{taskId}' is not in the run's definition; the entry was ignored."));
        }

        return index;
    }

    private static TaskError? ToError(ErrorRecord? record) =>
        record is null ? null : new TaskError(WireNames.TryParse<ErrorCategory>(record.Category, out var category) ? category.Value : ErrorCategory.Permanent, record.Message);
}
