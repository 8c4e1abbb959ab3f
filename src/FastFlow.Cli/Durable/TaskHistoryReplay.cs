using FastFlow.Cli.Output;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Durable;

/// <summary>Each task of a stored run as its history tells it — latest status, attempts, output,
/// error and timings — read without an engine, for <c>status</c> and for the display of a run
/// being resumed. It follows the engine's replay where that changes what a task shows: a retried
/// run and a rollback put unfinished tasks back to pending, and a resume does the same for the
/// tasks whose failure paused the run.</summary>
internal sealed class TaskHistoryReplay
{
    private readonly Dictionary<string, TaskState> _tasks = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Func<string, bool> _pausesOnFailure;
    private readonly HashSet<string> _awaitingDecision = new(StringComparer.Ordinal);
    private string _runStatus = "pending";

    /// <param name="declared">The run's tasks in declaration order (empty when the definition is unknown).</param>
    /// <param name="pausesOnFailure">Whether a task's failure pauses the run (its <c>on_failure</c> is <c>pause</c>).</param>
    private TaskHistoryReplay(IEnumerable<string> declared, Func<string, bool> pausesOnFailure)
    {
        _pausesOnFailure = pausesOnFailure;
        foreach (var id in declared)
        {
            Task(id);
        }
    }

    /// <summary>The tasks after every entry of <paramref name="entries"/>, in declaration order
    /// (then any the history names that the definition does not).</summary>
    public static IReadOnlyList<TaskReport> Replay(IReadOnlyList<string> declared, IReadOnlyList<HistoryEntry> entries, Func<string, bool> pausesOnFailure)
    {
        var replay = Run(declared, entries, long.MaxValue, pausesOnFailure);
        return [.. replay._order.Select(id => replay._tasks[id].ToReport(id))];
    }

    private static TaskHistoryReplay Run(IReadOnlyList<string> declared, IReadOnlyList<HistoryEntry> entries, long upTo, Func<string, bool> pausesOnFailure)
    {
        var replay = new TaskHistoryReplay(declared, pausesOnFailure);
        foreach (var entry in entries)
        {
            if (entry.Sequence >= upTo)
            {
                break;
            }

            replay.Apply(entry, declared, entries);
        }

        return replay;
    }

    private void Apply(HistoryEntry entry, IReadOnlyList<string> declared, IReadOnlyList<HistoryEntry> entries)
    {
        switch (entry.Type)
        {
            case "workflow.started":
                if (_runStatus == "failed")
                {
                    // A failed run retried: what did not complete runs again.
                    ResetUnfinished();
                }

                _runStatus = "running";
                return;
            case "workflow.resumed":
                foreach (var id in _awaitingDecision)
                {
                    _tasks[id].Reset();
                }

                _awaitingDecision.Clear();
                _runStatus = "running";
                return;
            case "workflow.paused":
                _runStatus = "paused";
                return;
            case "workflow.completed":
                _runStatus = "completed";
                return;
            case "workflow.failed":
                _runStatus = "failed";
                return;
            case "workflow.cancelled":
                _runStatus = "cancelled";
                return;
            case "run.rolled_back":
                RollBack(entry.Value is long covers ? covers : 0, declared, entries);
                return;
        }

        if (entry.TaskId is not { } taskId)
        {
            return;
        }

        var task = Task(taskId);
        var at = Utc(entry.At);
        switch (entry.Type)
        {
            case "task.started":
                if (task.EndedAt is not null)
                {
                    // It ended and runs again (a resumed or retried run): time the new go only.
                    task.StartedAt = at;
                    task.EndedAt = null;
                }

                task.StartedAt ??= at;
                task.Status = FlowTaskStatus.InProgress;
                task.Attempts = Math.Max(task.Attempts, entry.Attempt);
                return;
            case "task.completed":
                task.End(FlowTaskStatus.Completed, entry, at);
                task.Output = entry.Output;
                task.Error = null;
                return;
            case "task.failed":
                task.End(entry.Status == "timeout" ? FlowTaskStatus.Timeout : FlowTaskStatus.Failed, entry, at);
                task.Error = ToError(entry.Error);
                if (_pausesOnFailure(taskId))
                {
                    _awaitingDecision.Add(taskId);
                }

                return;
            case "task.retrying":
                task.Status = FlowTaskStatus.Waiting;
                task.Attempts = Math.Max(task.Attempts, entry.Attempt);
                task.Error = ToError(entry.Error);
                return;
            case "task.skipped":
                task.End(FlowTaskStatus.Skipped, entry, at);
                _awaitingDecision.Remove(taskId);
                return;
            case "task.cancelled":
                task.End(FlowTaskStatus.Cancelled, entry, at);
                return;
            case "task.compensated":
                task.Status = FlowTaskStatus.Compensated;
                return;
        }
    }

    /// <summary>The state the history had when the checkpoint was taken (its first
    /// <paramref name="covers"/> entries); then every task that did not complete is pending again.
    /// Attempt counts are not rolled back.</summary>
    private void RollBack(long covers, IReadOnlyList<string> declared, IReadOnlyList<HistoryEntry> entries)
    {
        var then = Run(declared, entries, covers, _pausesOnFailure);
        foreach (var (id, task) in _tasks)
        {
            if (then._tasks.TryGetValue(id, out var earlier))
            {
                task.Status = earlier.Status;
                task.Output = earlier.Output;
                task.Error = earlier.Error;
                task.StartedAt = earlier.StartedAt;
                task.EndedAt = earlier.EndedAt;
            }
            else
            {
                task.Reset();
            }
        }

        ResetUnfinished();
        _runStatus = "paused";
    }

    private void ResetUnfinished()
    {
        foreach (var task in _tasks.Values)
        {
            if (task.Status != FlowTaskStatus.Completed)
            {
                task.Reset();
            }
        }

        _awaitingDecision.Clear();
    }

    private TaskState Task(string id)
    {
        if (!_tasks.TryGetValue(id, out var task))
        {
            task = new TaskState();
            _tasks.Add(id, task);
            _order.Add(id);
        }

        return task;
    }

    /// <summary>A stored time (UTC) as an offset time.</summary>
    public static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>A stored error as the engine's; an unknown category reads as permanent.</summary>
    public static TaskError? ToError(ErrorRecord? record) =>
        record is null
            ? null
            : new TaskError(WireNames.TryParse<ErrorCategory>(record.Category, out var category) ? category.Value : ErrorCategory.Permanent, record.Message);

    /// <summary>One task while the history is replayed.</summary>
    private sealed class TaskState
    {
        public FlowTaskStatus Status { get; set; } = FlowTaskStatus.Pending;

        public int Attempts { get; set; }

        public object? Output { get; set; }

        public TaskError? Error { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? EndedAt { get; set; }

        public void End(FlowTaskStatus status, HistoryEntry entry, DateTimeOffset at)
        {
            Status = status;
            Attempts = Math.Max(Attempts, entry.Attempt);
            EndedAt = at;
        }

        /// <summary>Back to pending, to run again; the attempts already made stay counted.</summary>
        public void Reset()
        {
            Status = FlowTaskStatus.Pending;
            Output = null;
            Error = null;
            StartedAt = null;
            EndedAt = null;
        }

        public TaskReport ToReport(string id) =>
            new(id, Status, Attempts, Status is FlowTaskStatus.Completed or FlowTaskStatus.Compensated ? Output : null,
                Status is FlowTaskStatus.Completed ? null : Error, StartedAt, EndedAt);
    }
}
