using System.Diagnostics;
using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Durability;
using FastFlow.Execution;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;
using FastFlow.Validation;

namespace FastFlow;

/// <summary>Recovery, rollback, checkpoints and the stored view of runs, for an engine with a
/// <see cref="FlowEngineOptions.Store"/>.</summary>
public sealed partial class FlowEngine
{
    /// <summary>Resumes every run the store holds as pending, running or paused (after a crash or a
    /// stop): completed tasks keep their outputs and do not run again, attempts that were under way
    /// run again with the same attempt number (so the same idempotency key), retries wait until
    /// their original due time, paused runs stay paused and terminal runs are not touched. Register
    /// handlers, actions and code-built definitions first: recovery compiles the stored definitions
    /// against this engine's registry.</summary>
    /// <exception cref="InvalidOperationException">The engine has no store.</exception>
    public Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var journal = RequireJournal();
        var clock = Stopwatch.StartNew();
        var resumed = new List<string>();
        var paused = new List<string>();
        var awaitingStart = new List<string>();
        var failed = new List<RecoveryProblem>();
        var corrupt = new List<RecoveryProblem>();
        var definitions = new Dictionary<(string, string), CompiledWorkflow?>();
        foreach (var runId in journal.Records.ListActiveRunIds())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_runs.ContainsKey(runId))
            {
                continue;
            }

            var run = TryRecover(journal, runId, "recovery", "the engine restarted", definitions, failed, corrupt);
            if (run is not null)
            {
                (run.Status == RunStatus.Paused ? paused : run.IsAwaitingStart ? awaitingStart : resumed).Add(runId);
            }
        }

        return Task.FromResult(new RecoveryReport
        {
            Resumed = resumed,
            Paused = paused,
            AwaitingStart = awaitingStart,
            Failed = failed,
            CorruptRecords = corrupt,
            Elapsed = clock.Elapsed,
        });
    }

    /// <summary>Brings one stored run into this engine: a run still active here is returned as it is;
    /// a run the store holds as pending, running or paused is recovered as <see cref="RecoverAsync"/>
    /// would; a terminal run is returned as a handle on its final state only when
    /// <paramref name="includeTerminal"/>, to be rolled back or retried.</summary>
    /// <exception cref="KeyNotFoundException">No such run in the store.</exception>
    /// <exception cref="InvalidOperationException">The run cannot be recovered; the message says why.</exception>
    public RunHandle OpenRun(string runId, bool includeTerminal = false)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var journal = RequireJournal();
        if (_runs.TryGetValue(runId, out var live))
        {
            return new RunHandle(live);
        }

        var record = journal.Records.GetRun(runId) ?? throw new KeyNotFoundException($"There is no run '{runId}' in the store.");
        if (RunStore.IsTerminalStatus(record.Status) && !includeTerminal)
        {
            throw new InvalidOperationException($"Run {runId} is {record.Status}; terminal runs do not change.");
        }

        var failed = new List<RecoveryProblem>();
        var corrupt = new List<RecoveryProblem>();
        // Terminal runs load as well: a crash may have ended one after its record last said running.
        var run = TryRecover(journal, runId, "recovery", "opened again", new(), failed, corrupt, loadTerminal: true)
            ?? throw new InvalidOperationException(failed.Count > 0 ? failed[0].Message : $"Run {runId} could not be recovered.");
        if (run.Phase.IsTerminal() && !includeTerminal)
        {
            _runs.TryRemove(runId, out _);
            throw new InvalidOperationException($"Run {runId} is {run.Status.ToWireName()}; terminal runs do not change.");
        }

        return new RunHandle(run);
    }

    /// <summary>Restores a paused or failed run to a checkpoint (the latest when
    /// <paramref name="checkpointId"/> is null): tasks that ended after it return to pending, the
    /// context and outputs are as they were, and the rollback is recorded in the history. The run is
    /// paused afterwards; <see cref="RunHandle.Resume"/> continues it.</summary>
    /// <returns>The handle of the restored run.</returns>
    /// <exception cref="InvalidOperationException">The run is running, terminal other than failed,
    /// has tasks still under way, or the checkpoint does not exist or is corrupt.</exception>
    public RunHandle Rollback(string runId, long? checkpointId = null, string actor = "api")
    {
        ArgumentNullException.ThrowIfNull(runId);
        var journal = RequireJournal();
        var records = journal.Records;
        // Brings a stored run that is not active here (a failed one, or one a crash left) into the engine.
        OpenRun(runId, includeTerminal: true);
        var current = _runs[runId];
        var status = current.Status;
        if (status is not (RunStatus.Paused or RunStatus.Failed))
        {
            throw new InvalidOperationException(status == RunStatus.Running
                ? $"Run {runId} is running; pause it first (fastflow stop), then roll it back."
                : $"Run {runId} is {status.ToWireName()}; only a paused or failed run can be rolled back.");
        }

        for (var task = 0; task < current.Plan.TaskCount; task++)
        {
            if (current.GetTaskStatus(task) == FlowTaskStatus.InProgress)
            {
                throw new InvalidOperationException(
                    $"Task '{current.Plan.GetTaskId(task)}' of run {runId} is still under way; roll back once it has finished.");
            }
        }

        CheckpointRecord checkpoint;
        if (checkpointId is { } id)
        {
            checkpoint = records.GetCheckpoint(runId, id)
                ?? throw new InvalidOperationException($"Run {runId} has no checkpoint {id}; `fastflow checkpoints {runId}` lists them.");
        }
        else
        {
            checkpoint = records.GetLatestGoodCheckpoint(runId, out _)
                ?? throw new InvalidOperationException($"Run {runId} has no usable checkpoint to roll back to.");
        }

        records.AppendHistory(runId, new HistoryEntry
        {
            At = Services.TimeProvider.GetUtcNow().UtcDateTime,
            Type = HistoryTypes.RolledBack,
            Actor = actor,
            CheckpointId = checkpoint.CheckpointId,
            Value = checkpoint.CoversSequence,
            Reason = $"rolled back to checkpoint {checkpoint.CheckpointId} ({checkpoint.Reason ?? "checkpoint"} at {checkpoint.TakenAt:O})",
        }, out _);

        // The old execution stops taking part; the rebuilt one (paused at the checkpoint) replaces it.
        _runs.TryRemove(runId, out _);
        if (current.HoldsSlot)
        {
            current.HoldsSlot = false;
            Interlocked.Decrement(ref _active);
        }

        var failed = new List<RecoveryProblem>();
        // The stored record may still say failed; the history now ends with the rollback, which replays to paused.
        var restored = TryRecover(journal, runId, actor, $"rolled back to checkpoint {checkpoint.CheckpointId}", new(), failed, [], loadTerminal: true, replacing: current)
            ?? throw new InvalidOperationException(failed.Count > 0 ? failed[0].Message : $"Run {runId} could not be rolled back.");
        return new RunHandle(restored);
    }

    /// <summary>Takes a checkpoint of an active run now, at the engine's checkpoint level.</summary>
    /// <returns>The checkpoint's id, once it is durable.</returns>
    public async ValueTask<long> CheckpointAsync(string runId, CancellationToken cancellationToken = default)
    {
        var journal = RequireJournal();
        if (!_runs.TryGetValue(runId, out var run) || run.Phase.IsTerminal())
        {
            throw new InvalidOperationException($"Run {runId} is not active in this engine; only active runs take checkpoints.");
        }

        var ticket = run.TakeCheckpoint("requested");
        await journal.WaitDurableAsync(ticket, cancellationToken).ConfigureAwait(false);
        return journal.Records.ListCheckpoints(runId).LastOrDefault(static c => !c.Corrupt)?.CheckpointId ?? 0;
    }

    /// <summary>The stored record of a run (status, inputs, outputs; tasks once terminal); null when unknown.</summary>
    public RunRecord? GetStoredRun(string runId) => RequireJournal().Records.GetRun(runId);

    /// <summary>Stored runs, newest first, optionally of one status (wire name).</summary>
    public IReadOnlyList<RunRecord> ListStoredRuns(string? status = null, int? limit = null) => RequireJournal().Records.ListRuns(status, limit);

    /// <summary>A run's history: every transition with time, actor and reason.</summary>
    public IReadOnlyList<HistoryEntry> GetHistory(string runId) => RequireJournal().Records.ReadHistory(runId);

    /// <summary>A run's checkpoints, oldest first (corrupt ones marked).</summary>
    public IReadOnlyList<CheckpointInfo> GetCheckpoints(string runId) => RequireJournal().Records.ListCheckpoints(runId);

    /// <summary>Checks the hash of every stored record and history entry.</summary>
    public VerifyReport VerifyStore() => RequireJournal().Records.Verify();

    private RunJournal RequireJournal() => Journal ??
        throw new InvalidOperationException("This engine keeps runs in memory only; set FlowEngineOptions.Store to use durable runs.");

    private RunExecution? TryRecover(
        RunJournal journal,
        string runId,
        string actor,
        string reason,
        Dictionary<(string, string), CompiledWorkflow?> definitions,
        List<RecoveryProblem> failed,
        List<RecoveryProblem> corrupt,
        bool loadTerminal = false,
        RunExecution? replacing = null)
    {
        RunRecord? record;
        try
        {
            record = journal.Records.GetRun(runId);
        }
        catch (CorruptRecordException exception)
        {
            failed.Add(new RecoveryProblem(runId, $"run/{runId}", $"{exception.Message} The run cannot be recovered."));
            return null;
        }

        if (record is null)
        {
            // The crash came while the run was being created, before it was acknowledged: what
            // landed of it is removed, as if the start had never been asked for.
            journal.Records.DeleteRun(runId);
            return null;
        }

        if (RunStore.IsTerminalStatus(record.Status) && !loadTerminal)
        {
            // A crash between the end's record and its index entries: put the indexes right; the run does not change.
            journal.Records.SaveRun(record);
            return null;
        }

        var key = (record.WorkflowId, record.DefinitionRevision);
        if (!definitions.TryGetValue(key, out var workflow))
        {
            workflow = LoadStoredDefinition(journal, record, failed);
            definitions[key] = workflow;
        }

        if (workflow is null)
        {
            if (!failed.Any(p => p.RunId == runId))
            {
                failed.Add(new RecoveryProblem(runId, $"def/{record.WorkflowId}/{record.DefinitionRevision}",
                    $"The definition of run {runId} could not be loaded (see the problem reported for it)."));
            }

            return null;
        }

        WireNames.TryParse<TaskPriority>(record.Priority, out var priority);
        var run = new RunExecution(this, workflow.Plan, runId, record.Inputs ?? new Dictionary<string, object?>(), priority ?? TaskPriority.Normal)
        {
            DefinitionRevision = record.DefinitionRevision,
        };
        var createdAt = new DateTimeOffset(DateTime.SpecifyKind(record.CreatedAt, DateTimeKind.Utc));
        if (record.Status == "pending")
        {
            // Never started: nothing to restore but when it was created; it starts like any run,
            // unless it was created to be started later and still waits for that.
            run.RestoreCreatedAt(createdAt);
            if (record.AwaitingStart)
            {
                run.MarkAwaitingStart();
            }

            if (!_runs.TryAdd(runId, run))
            {
                return _runs[runId];
            }

            run.TryMarkAnnounced();
            if (record.AwaitingStart)
            {
                return run;
            }

            Interlocked.Increment(ref _active);
            run.HoldsSlot = true;
            run.Start();
            return run;
        }

        var problems = new List<RecoveryProblem>();
        var state = new HistoryReplay(workflow.Plan, journal.Records, runId, problems).Rebuild();
        corrupt.AddRange(problems);
        run.Restore(state, createdAt);
        if (replacing is not null)
        {
            run.AdoptCompletion(replacing);
        }

        if (!_runs.TryAdd(runId, run))
        {
            return _runs[runId];
        }

        run.TryMarkAnnounced();
        if (state.Phase.IsTerminal())
        {
            run.RestoreTerminal(state.Phase);
            if (!RunStore.IsTerminalStatus(record.Status))
            {
                // The crash came after the run's end was recorded and before its record said so:
                // finish the bookkeeping; the run itself does not change.
                journal.SaveRun(run.BuildRunRecord(state.Phase.ToStatus(), withTasks: true), terminal: true);
            }

            if (!loadTerminal)
            {
                _runs.TryRemove(runId, out _);
                return null;
            }

            return run;
        }

        Interlocked.Increment(ref _active);
        run.HoldsSlot = true;
        run.StartRestored(state, actor, reason);
        return run;
    }

    private CompiledWorkflow? LoadStoredDefinition(RunJournal journal, RunRecord record, List<RecoveryProblem> failed)
    {
        var where = $"def/{record.WorkflowId}/{record.DefinitionRevision}";
        DefinitionRecord? stored;
        try
        {
            stored = journal.Records.GetDefinition(record.WorkflowId, record.DefinitionRevision);
        }
        catch (CorruptRecordException exception)
        {
            failed.Add(new RecoveryProblem(record.RunId, where, exception.Message));
            return null;
        }

        WorkflowDefinition? definition = null;
        if (stored?.Text is { } text)
        {
            var loaded = DefinitionLoader.Load(text, stored.Format == "json" ? DefinitionFormat.Json : DefinitionFormat.Yaml, stored.File);
            if (loaded.Definition is null || loaded.Diagnostics.Any(static d => d.IsError))
            {
                failed.Add(new RecoveryProblem(record.RunId, where,
                    $"The stored definition of '{record.WorkflowId}' no longer loads: {string.Join("; ", loaded.Diagnostics.Where(static d => d.IsError).Select(static d => d.Message))}"));
                return null;
            }

            definition = loaded.Definition;
        }
        else if (!Registry.TryGetDefinition(record.WorkflowId, out definition))
        {
            failed.Add(new RecoveryProblem(record.RunId, where,
                $"Workflow '{record.WorkflowId}' was built in code and is not registered in this engine; register its definition (Registry.RegisterDefinition) before recovering."));
            return null;
        }

        try
        {
            var compiled = Compile(definition);
            // The stored text is the same revision: keep it so new runs of it are not stored again.
            journal.RecordDefinition(definition);
            return compiled;
        }
        catch (DefinitionException exception)
        {
            failed.Add(new RecoveryProblem(record.RunId, where, $"The definition of '{record.WorkflowId}' does not compile in this engine: {exception.Message}"));
            return null;
        }
    }
}
