using FastFlow.Cli.Commands;
using FastFlow.Cli.Output;
using FastFlow.Cli.Running;
using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Durable;

/// <summary>The runs of a data directory as the read-only commands see them: a run by id (or a
/// clear error naming the directory), its definition, and the run object of <c>run --json</c>
/// built from its stored record and history.</summary>
internal sealed class StoredRuns(RunStore records, DataDirectory data)
{
    public RunStore Records { get; } = records;

    public DataDirectory Data { get; } = data;

    /// <summary>The stored record of <paramref name="runId"/>.</summary>
    /// <exception cref="CommandFailedException">There is no such run, or its record is damaged.</exception>
    public RunRecord Get(string runId)
    {
        RunRecord? record;
        try
        {
            record = Records.GetRun(runId);
        }
        catch (CorruptRecordException exception)
        {
            throw new CommandFailedException(
                $"the record of run '{runId}' in {Data.Display} is damaged: {exception.Message}",
                $"`fastflow verify{Data.Option}` lists every damaged record");
        }

        return record ?? throw new CommandFailedException(
            $"no run '{runId}' in {Data.Display}",
            $"`fastflow runs{Data.Option}` lists the runs kept there");
    }

    /// <summary>The definition the run runs, loaded from the text stored with it; null when it
    /// was built in code or cannot be read (the run is then shown from its history alone).</summary>
    public WorkflowDefinition? Definition(RunRecord record)
    {
        DefinitionRecord? stored;
        try
        {
            stored = Records.GetDefinition(record.WorkflowId, record.DefinitionRevision);
        }
        catch (CorruptRecordException)
        {
            return null;
        }

        if (stored?.Text is not { } text)
        {
            return null;
        }

        var format = stored.Format == "json" ? DefinitionFormat.Json : DefinitionFormat.Yaml;
        return DefinitionLoader.Load(text, format, stored.File).Definition;
    }

    /// <summary>The run as it stands in the store: its record, and each task's latest state from
    /// the history (a terminal record's own tasks win: they are the run's final word).</summary>
    /// <param name="record">The run's record.</param>
    /// <param name="damage">The first damaged history entry, where reading stopped; null when none.</param>
    public RunReport Report(RunRecord record, out CorruptRecordReport? damage)
    {
        var definition = Definition(record);
        var declared = definition is null
            ? (IReadOnlyList<string>)(record.Tasks?.Select(static t => t.TaskId).ToList() ?? [])
            : [.. definition.Tasks.Ids];
        var history = Records.ReadHistoryTolerant(record.RunId);
        damage = history.StoppedAt;
        var replayed = TaskHistoryReplay.Replay(declared, history.Entries, PausesOnFailure(definition));
        var tasks = record.Tasks is { } final && RunStore.IsTerminalStatus(record.Status)
            ? FromRecord(final, replayed)
            : replayed;
        return new RunReport
        {
            RunId = record.RunId,
            WorkflowId = record.WorkflowId,
            WorkflowName = definition?.Name,
            Status = WireNames.TryParse<RunStatus>(record.Status, out var status) ? status.Value : RunStatus.Running,
            StartedAt = record.StartedAt is { } started ? TaskHistoryReplay.Utc(started) : null,
            CompletedAt = record.CompletedAt is { } completed ? TaskHistoryReplay.Utc(completed) : null,
            Error = TaskHistoryReplay.ToError(record.Error),
            Tasks = tasks,
            Outputs = record.Outputs ?? new Dictionary<string, object?>(0),
        };
    }

    /// <summary>What the display of a run being resumed or cancelled starts from: the run as stored.</summary>
    public RunProgress Progress(RunRecord record, RunReport stored)
    {
        var definition = Definition(record);
        var progress = definition is not null
            ? new RunProgress(definition, record.RunId)
            : new RunProgress(record.RunId, record.WorkflowId, null, stored.Tasks.Select(static t => (t.Id, (string?)null)));
        progress.Seed(stored);
        return progress;
    }

    /// <summary>The tasks of a terminal record, with the timings the history gave.</summary>
    private static TaskReport[] FromRecord(List<TaskRecord> final, IReadOnlyList<TaskReport> replayed)
    {
        var timings = replayed.ToDictionary(static t => t.Id, StringComparer.Ordinal);
        return [.. final.Select(task =>
        {
            var status = WireNames.TryParse<FlowTaskStatus>(task.Status, out var parsed) ? parsed.Value : FlowTaskStatus.Pending;
            timings.TryGetValue(task.TaskId, out var seen);
            var started = seen?.StartedAt ?? (task.StartedAt is { } s ? TaskHistoryReplay.Utc(s) : null);
            var ended = seen?.EndedAt ?? (task.EndedAt is { } e ? TaskHistoryReplay.Utc(e) : null);
            return new TaskReport(task.TaskId, status, task.Attempts, task.Output, TaskHistoryReplay.ToError(task.Error), started, ended);
        })];
    }

    /// <summary>Whether a task's failure pauses the run: its <c>on_failure</c>, the defaults', or the workflow's.</summary>
    private static Func<string, bool> PausesOnFailure(WorkflowDefinition? definition)
    {
        if (definition is null)
        {
            // Without the definition, a failure followed by a resume is taken to be what paused it.
            return static _ => true;
        }

        return id =>
        {
            var index = definition.Tasks.IndexOf(id);
            if (index < 0)
            {
                return false;
            }

            var policy = definition.Tasks.GetOptions(index).OnFailure ?? definition.Defaults.OnFailure ?? FailurePolicy.Fail;
            return (policy == FailurePolicy.Fail ? definition.OnFailure : policy) == FailurePolicy.Pause;
        };
    }
}
