using FastFlow.Data;
using FastFlow.Durability;
using FastFlow.Events;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;

namespace FastFlow.Execution;

/// <summary>Durability of a run: every transition goes to the engine's journal before anything
/// that depends on it is released (DESIGN §5). Only runs of an engine with a store come here; the
/// in-memory engine pays one null check per transition.</summary>
internal sealed partial class RunExecution
{
    private readonly RunJournal? _journal;
    /// <summary>Task transitions since the last checkpoint, for periodic checkpoints.</summary>
    private int _transitionsSinceCheckpoint;
    /// <summary>When each task's latest attempt started (durable runs): a re-run of an attempt a
    /// crash interrupted keeps its original start, so a <c>delay</c> fires at its original due time.</summary>
    private DateTime[]? _attemptStartedAt;
    /// <summary>When each task ended (debug checkpoints).</summary>
    private DateTime[]? _endedAt;
    /// <summary>Per task, the attempt a crash interrupted (re-run with the same number); 0 when none.</summary>
    private int[]? _interruptedAttempt;
    private StoreTicket _finalTicket;

    /// <summary>The revision of the definition in the store (durable runs).</summary>
    public string? DefinitionRevision { get; set; }

    /// <summary>The ticket of the run's creation record (durable runs).</summary>
    public StoreTicket CreatedTicket { get; private set; }

    private DateTime UtcNow => _engine.Services.TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Writes the run's record (pending) and its first history entry.</summary>
    public void JournalCreated()
    {
        var journal = _journal!;
        journal.SaveRun(BuildRunRecord(RunStatus.Pending, withTasks: false), terminal: false);
        CreatedTicket = journal.Append(RunId, new HistoryEntry
        {
            At = CreatedAt.UtcDateTime,
            Type = FlowEventType.WorkflowCreated.ToWireName(),
            Actor = "engine",
            Status = RunStatus.Pending.ToWireName(),
        });
    }

    /// <summary>Records a task transition; returns its ticket (<see cref="StoreTicket.None"/> without a journal).</summary>
    private StoreTicket JournalTask(FlowEventType type, int task, int attempt, TaskError? error, TimeSpan? delay)
    {
        if (_journal is not { } journal)
        {
            return StoreTicket.None;
        }

        var now = UtcNow;
        var status = GetTaskStatus(task);
        // The attempt a restart interrupted, starting again: it keeps its first start.
        var rerun = type == FlowEventType.TaskStarted && _interruptedAttempt is { } interrupted && interrupted[task] == attempt;
        if (type == FlowEventType.TaskStarted)
        {
            var started = AttemptStartedAt;
            started[task] = rerun && started[task] != default ? started[task] : now;
        }
        else if (journal.Level == CheckpointLevel.Debug)
        {
            (_endedAt ?? InitializeArray(ref _endedAt))[task] = now;
        }

        var ticket = journal.Append(RunId, new HistoryEntry
        {
            At = now,
            Type = type.ToWireName(),
            TaskId = _plan.GetTaskId(task),
            Attempt = attempt,
            Actor = "engine",
            Status = status.ToWireName(),
            Output = type == FlowEventType.TaskCompleted ? GetTaskOutput(task) : null,
            Error = error is null ? null : ToRecord(error),
            DueAt = delay is { } wait ? now + wait : null,
            Reason = rerun ? "re-run of an attempt a restart interrupted" : null,
        });

        if (type != FlowEventType.TaskStarted && journal.CheckpointEvery > 0 &&
            Interlocked.Increment(ref _transitionsSinceCheckpoint) >= journal.CheckpointEvery)
        {
            Volatile.Write(ref _transitionsSinceCheckpoint, 0);
            ticket = TakeCheckpoint("periodic");
        }

        return ticket;
    }

    private DateTime[] AttemptStartedAt => _attemptStartedAt ?? InitializeArray(ref _attemptStartedAt);

    /// <summary>When the current attempt of a task started; for a re-run of an interrupted attempt, the original start.</summary>
    public DateTimeOffset? GetAttemptStartedAt(int task) =>
        _attemptStartedAt is { } started && started[task] != default ? new DateTimeOffset(started[task], TimeSpan.Zero) : null;

    /// <summary>Records a run transition and rewrites the run's record.</summary>
    private StoreTicket JournalRun(FlowEventType type, RunStatus status, string actor = "engine", string? reason = null)
    {
        if (_journal is not { } journal)
        {
            return StoreTicket.None;
        }

        journal.Append(RunId, new HistoryEntry
        {
            At = UtcNow,
            Type = type.ToWireName(),
            Actor = actor,
            Status = status.ToWireName(),
            Reason = reason ?? (status is RunStatus.Failed or RunStatus.Cancelled ? Error?.Message : null),
            Error = status is RunStatus.Failed && Error is { } error ? ToRecord(error) : null,
        });

        var terminal = status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled;
        var ticket = journal.SaveRun(BuildRunRecord(status, withTasks: terminal), terminal);
        if (status is RunStatus.Paused or RunStatus.Failed or RunStatus.Cancelled)
        {
            ticket = TakeCheckpoint(type.ToWireName());
        }

        return ticket;
    }

    /// <summary>Records a transition with no event of its own (context writes, wind-downs, compensations).</summary>
    private void JournalNote(string type, int task = -1, string? key = null, object? value = null, string? reason = null, string actor = "engine")
    {
        if (_journal is not { } journal)
        {
            return;
        }

        journal.Append(RunId, new HistoryEntry
        {
            At = UtcNow,
            Type = type,
            TaskId = task >= 0 ? _plan.GetTaskId(task) : null,
            Actor = actor,
            Key = key,
            Value = value,
            Reason = reason,
        });
    }

    /// <summary>Takes a checkpoint at the journal's level now.</summary>
    public StoreTicket TakeCheckpoint(string reason)
    {
        var journal = _journal!;
        var records = journal.Records;
        // The history length is read before the state: an entry counted here changed the state
        // before it was appended, so the state holds at least everything it covers. Later entries
        // may show in the state too; replaying them again sets the same values.
        var covers = records.GetHistoryLength(RunId);
        var level = journal.Level;
        var checkpoint = new CheckpointRecord
        {
            RunId = RunId,
            CheckpointId = records.NextCheckpointId(RunId),
            Level = journal.LevelName,
            TakenAt = UtcNow,
            CoversSequence = covers,
            RunStatus = Status.ToWireName(),
            Tasks = BuildTaskRecords(level),
            Context = level >= CheckpointLevel.Standard ? ContextAsPlain() : null,
            History = level >= CheckpointLevel.Comprehensive ? [.. records.ReadHistory(RunId).Take((int)Math.Min(covers, int.MaxValue))] : null,
            Reason = reason,
        };
        records.SaveCheckpoint(checkpoint, journal.MaxCheckpointsPerRun);
        // Appended after the checkpoint's own write, so its ticket covers both.
        return journal.Append(RunId, new HistoryEntry
        {
            At = checkpoint.TakenAt,
            Type = HistoryTypes.CheckpointTaken,
            Actor = "engine",
            CheckpointId = checkpoint.CheckpointId,
            Reason = reason,
        });
    }

    internal RunRecord BuildRunRecord(RunStatus status, bool withTasks) => new()
    {
        RunId = RunId,
        WorkflowId = WorkflowId,
        DefinitionRevision = DefinitionRevision ?? "code",
        Status = status.ToWireName(),
        Priority = Priority.ToWireName(),
        Inputs = ToPlainMap(Inputs),
        CreatedAt = CreatedAt.UtcDateTime,
        StartedAt = StartedAt?.UtcDateTime,
        CompletedAt = CompletedAt?.UtcDateTime,
        Error = Error is { } error ? ToRecord(error) : null,
        Outputs = Outputs is { } outputs ? ToPlainMap(outputs) : null,
        Tasks = withTasks ? BuildTaskRecords(CheckpointLevel.Standard) : null,
        UpdatedAt = UtcNow,
        CheckpointLevel = _journal?.LevelName,
        AwaitingStart = status == RunStatus.Pending && IsAwaitingStart,
    };

    private List<TaskRecord> BuildTaskRecords(CheckpointLevel level)
    {
        var count = _plan.TaskCount;
        var tasks = new List<TaskRecord>(count);
        for (var task = 0; task < count; task++)
        {
            var status = GetTaskStatus(task);
            tasks.Add(new TaskRecord
            {
                TaskId = _plan.GetTaskId(task),
                Status = status.ToWireName(),
                Attempts = GetAttempts(task),
                Output = level >= CheckpointLevel.Standard && status is FlowTaskStatus.Completed or FlowTaskStatus.Compensated ? GetTaskOutput(task) : null,
                Error = level >= CheckpointLevel.Standard && GetTaskError(task) is { } error ? ToRecord(error) : null,
                StartedAt = level == CheckpointLevel.Debug && _attemptStartedAt is { } started && started[task] != default ? started[task] : null,
                EndedAt = level == CheckpointLevel.Debug && _endedAt is { } ended && ended[task] != default ? ended[task] : null,
                Parameters = level == CheckpointLevel.Debug && status != FlowTaskStatus.Pending ? TryResolveParameters(task) : null,
            });
        }

        return tasks;
    }

    private object? TryResolveParameters(int task)
    {
        try
        {
            return PlainData.Normalize(new Dictionary<string, object?>(_tasks[task].ResolveParameters(this), StringComparer.Ordinal));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"(parameters could not be resolved: {exception.Message})";
        }
    }

    private Dictionary<string, object?>? ContextAsPlain()
    {
        var context = Volatile.Read(ref _context);
        return context is null ? null : ToPlainMap(context);
    }

    private static Dictionary<string, object?> ToPlainMap(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            map[key] = PlainData.Normalize(value);
        }

        return map;
    }

    internal static ErrorRecord ToRecord(TaskError error) => new() { Category = error.Category.ToWireName(), Message = error.Message };

    /// <summary>Reports an exception that escaped the run's own handling (a store that failed a write).</summary>
    internal void ReportFault(Exception exception) => _engine.Scheduler.ReportUnhandled(exception);

    /// <summary>Hands <paramref name="result"/> to the run's awaiters, once the final transition is durable.</summary>
    private void Complete(TaskCompletionSource<RunResult> completion, RunResult result)
    {
        if (_journal is not { } journal)
        {
            completion.TrySetResult(result);
            return;
        }

        journal.After(_finalTicket, static state =>
        {
            var (source, value) = ((TaskCompletionSource<RunResult>, RunResult))state!;
            source.TrySetResult(value);
        }, (completion, result));
    }

    /// <summary>Delivers an event now, or once <paramref name="ticket"/> is durable for a durable run.</summary>
    private void Deliver(FlowEvent flowEvent, StoreTicket ticket)
    {
        if (_journal is { } journal)
        {
            journal.PublishWhenDurable(_engine.Events, flowEvent, ticket);
        }
        else
        {
            _engine.Events.Publish(flowEvent);
        }
    }
}
