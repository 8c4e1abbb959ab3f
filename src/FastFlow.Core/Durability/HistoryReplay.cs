using FastFlow.Execution;
using FastFlow.Plans;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;

namespace FastFlow.Durability;

/// <summary>Rebuilds a run's state for recovery: its history folded by <see cref="HistoryFold"/>.
/// A corrupt entry stops the replay there; a good checkpoint (standard or above) that covers past
/// it is used instead, and whatever neither covers is reported as lost.</summary>
internal sealed class HistoryReplay
{
    private readonly RunStore _records;
    private readonly string _runId;
    private readonly List<RecoveryProblem> _problems;
    private readonly HistoryFold _fold;

    public HistoryReplay(ExecutionPlan plan, RunStore records, string runId, List<RecoveryProblem> problems)
    {
        _records = records;
        _runId = runId;
        _problems = problems;
        _fold = new HistoryFold(
            [.. plan.Definition.Tasks.Ids],
            task => PausesOnFailure(plan, task),
            () => records.ReadHistoryTolerant(runId).Entries,
            entry => problems.Add(new RecoveryProblem(runId, $"run/{runId}#{entry.Sequence}",
                $"Task '{entry.TaskId}' is not in the run's definition; the entry was ignored.")));
    }

    /// <summary>The state after every durable entry.</summary>
    public RestoredState Rebuild()
    {
        var read = _records.ReadHistoryTolerant(_runId);
        if (read.StoppedAt is not { } corrupt)
        {
            return _fold.Apply(new RestoredState(_fold.TaskCount), read.Entries);
        }

        var checkpoint = _records.GetLatestGoodCheckpoint(_runId, out var skipped);
        foreach (var bad in skipped)
        {
            _problems.Add(new RecoveryProblem(_runId, bad.Where, $"{bad.Problem} The checkpoint was not used."));
        }

        var lostFrom = corrupt.Sequence ?? read.Entries.Count;
        if (checkpoint is not null && LevelNames.TryParse(checkpoint.Level, out var level) && level >= CheckpointLevel.Standard &&
            checkpoint.CoversSequence > lostFrom)
        {
            var rest = _records.ReadHistoryTolerant(_runId, checkpoint.CoversSequence);
            var recovered = _fold.Apply(FromCheckpoint(checkpoint), rest.Entries);
            _problems.Add(new RecoveryProblem(_runId, corrupt.Where,
                $"{corrupt.Problem} Recovered from checkpoint {checkpoint.CheckpointId} (covering entries before {checkpoint.CoversSequence})" +
                (rest.StoppedAt is { } later ? $"; the history is corrupt again at {later.Where}: transitions from there on are lost and their tasks run again." : " and the history after it.")));
            return recovered;
        }

        _problems.Add(new RecoveryProblem(_runId, corrupt.Where,
            $"{corrupt.Problem} No good checkpoint covers it: transitions from sequence {lostFrom} on are lost; the tasks they concerned run again."));
        return _fold.Apply(new RestoredState(_fold.TaskCount), read.Entries);
    }

    private RestoredState FromCheckpoint(CheckpointRecord checkpoint)
    {
        var state = new RestoredState(_fold.TaskCount);
        foreach (var task in checkpoint.Tasks)
        {
            var index = _fold.IndexOf(task.TaskId);
            if (index < 0 || !WireNames.TryParse<FlowTaskStatus>(task.Status, out var status))
            {
                continue;
            }

            state.Status[index] = status.Value is FlowTaskStatus.Assigned ? FlowTaskStatus.InProgress : status.Value;
            state.Attempts[index] = task.Attempts;
            state.Outputs[index] = task.Output;
            state.Errors[index] = HistoryFold.ToError(task.Error);
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

    /// <summary>A failure pauses the run when the task's policy (or, for <c>fail</c>, the run's) is <c>pause</c>.</summary>
    private static bool PausesOnFailure(ExecutionPlan plan, int task)
    {
        var policy = plan.Tasks[task].OnFailure;
        return (policy == FailurePolicy.Fail ? plan.OnFailure : policy) == FailurePolicy.Pause;
    }
}
