using FastFlow.Protocol;
using FastFlow.Storage.Runs;

namespace FastFlow.Server.Requests;

/// <summary>Pause, resume, cancel and rollback: each checks the run's state first and says, when
/// the move is not allowed, what state the run is in and what would work instead. A stored run
/// that is not active in the engine (one a restart could not bring back, say) is opened from the
/// store for resume and cancel, as `fastflow resume` and `fastflow cancel` do on a data directory.</summary>
internal sealed class RunControl(FlowEngine engine, RunLookup lookup)
{
    /// <summary>Pauses a running run: running attempts finish, nothing new starts.</summary>
    public RunHandle Pause(string runId)
    {
        var handle = Open(runId, "paused");
        if (handle.Status != RunStatus.Running)
        {
            throw WrongState(runId, handle.Status, "paused", "only a running run can be paused");
        }

        Apply(() => handle.Pause());
        return handle;
    }

    /// <summary>Resumes a paused run, or retries a failed one (what did not complete runs again).</summary>
    public RunHandle Resume(string runId)
    {
        var handle = Open(runId, "resumed");
        switch (handle.Status)
        {
            case RunStatus.Paused:
                Apply(() => handle.Resume());
                break;
            case RunStatus.Failed:
                Apply(() => handle.Retry());
                break;
            case RunStatus.Running:
                throw WrongState(runId, handle.Status, "resumed", "it is running already");
            case RunStatus.Pending:
                throw WrongState(runId, handle.Status, "resumed",
                    handle.IsAwaitingStart ? "it has not started: start it with start_run" : "it starts as soon as the engine has room");
            default:
                throw WrongState(runId, handle.Status, "resumed", "it has ended; only a paused or failed run can be resumed");
        }

        return handle;
    }

    /// <summary>Cancels a run that has not ended: gracefully (running attempts get their
    /// cancellation and may finish) or forced (the run ends now).</summary>
    public RunHandle Cancel(string runId, bool force)
    {
        var handle = Open(runId, "cancelled");
        if (handle.Status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled)
        {
            throw WrongState(runId, handle.Status, "cancelled", "it has ended already; there is nothing to cancel");
        }

        Apply(() => handle.Cancel(force ? CancelMode.Forced : CancelMode.Graceful));
        return handle;
    }

    /// <summary>Rolls a paused or failed run back to a checkpoint (the latest when null); it is left paused.</summary>
    public RunHandle Rollback(string runId, long? checkpoint)
    {
        RequireDurable("rolled back");
        var status = lookup.Live(runId)?.Status;
        if (status is null)
        {
            var record = lookup.Stored(runId) ?? throw lookup.NotFound(runId);
            status = WireNames.TryParse<RunStatus>(record.Status, out var stored) ? stored : null;
        }

        if (status is not (RunStatus.Paused or RunStatus.Failed or null))
        {
            throw WrongState(runId, status.Value, "rolled back",
                status == RunStatus.Running ? "pause it first (pause_run), then roll it back" : "only a paused or failed run can be rolled back");
        }

        if (checkpoint is { } id)
        {
            var checkpoints = engine.GetCheckpoints(runId);
            if (!checkpoints.Any(c => c.CheckpointId == id))
            {
                var ids = checkpoints.Where(static c => !c.Corrupt).Select(static c => c.CheckpointId).ToList();
                throw new RequestException(ErrorCode.NotFound,
                    $"Run {runId} has no checkpoint {id}. " +
                    (ids.Count == 0 ? "It has none yet." : $"Its checkpoints: {string.Join(", ", ids)}.") +
                    " Leave checkpoint out to roll back to the latest.");
            }
        }

        try
        {
            return engine.Rollback(runId, checkpoint, actor: "api");
        }
        catch (KeyNotFoundException)
        {
            throw lookup.NotFound(runId);
        }
        catch (InvalidOperationException exception)
        {
            throw new RequestException(ErrorCode.InvalidState, exception.Message);
        }
    }

    /// <summary>The history of a stored run.</summary>
    public IReadOnlyList<HistoryEntry> History(string runId)
    {
        RequireDurable("given a history");
        if (lookup.Stored(runId) is null)
        {
            throw lookup.NotFound(runId);
        }

        return engine.GetHistory(runId);
    }

    /// <summary>The engine's handle of the run: active here, or opened from the store.</summary>
    private RunHandle Open(string runId, string what)
    {
        if (lookup.Live(runId) is { } live)
        {
            return live;
        }

        var record = lookup.Stored(runId) ?? throw lookup.NotFound(runId);
        if (RunStore.IsTerminalStatus(record.Status) && !(record.Status == "failed" && what == "resumed"))
        {
            throw new RequestException(ErrorCode.InvalidState, $"Run {runId} is {record.Status} and cannot be {what}: it has ended.");
        }

        try
        {
            return engine.OpenRun(runId, includeTerminal: true);
        }
        catch (InvalidOperationException exception)
        {
            throw new RequestException(ErrorCode.InvalidState,
                $"Run {runId} ({record.Status} in the store) cannot be {what}: {exception.Message}");
        }
    }

    /// <summary>Makes a move the state check allowed; the run may have moved on in between.</summary>
    private static void Apply(Action move)
    {
        try
        {
            move();
        }
        catch (InvalidOperationException exception)
        {
            throw new RequestException(ErrorCode.InvalidState, exception.Message);
        }
    }

    private void RequireDurable(string what)
    {
        if (!lookup.IsDurable)
        {
            throw new RequestException(ErrorCode.NotDurable,
                $"This server keeps runs in memory only, so no run can be {what}: start it with a data directory (`fastflow serve --data DIR`) for histories, checkpoints and rollback.");
        }
    }

    private static RequestException WrongState(string runId, RunStatus status, string what, string why) =>
        new(ErrorCode.InvalidState, $"Run {runId} is {status.ToWireName()} and cannot be {what}: {why}.");
}
