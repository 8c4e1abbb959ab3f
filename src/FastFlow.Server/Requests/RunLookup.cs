using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;

namespace FastFlow.Server.Requests;

/// <summary>Finds a run by id: active or retained in the engine, else (on a durable server) in
/// the store; a run in neither is a <see cref="ErrorCode.NotFound"/> that says where the server looked.</summary>
internal sealed class RunLookup(FlowEngine engine)
{
    /// <summary>True when the engine keeps runs in a store (history, rollback, runs across restarts).</summary>
    public bool IsDurable => engine.Options.Store is not null;

    /// <summary>The engine's handle of a run it holds now, or null.</summary>
    public RunHandle? Live(string runId) => engine.TryGetRun(runId, out var handle) ? handle : null;

    /// <summary>The stored record of a run, or null (always null without a store).</summary>
    /// <exception cref="RequestException">The record is damaged.</exception>
    public RunRecord? Stored(string runId)
    {
        if (!IsDurable)
        {
            return null;
        }

        try
        {
            return engine.GetStoredRun(runId);
        }
        catch (CorruptRecordException exception)
        {
            throw new RequestException(ErrorCode.Internal,
                $"The stored record of run '{runId}' is damaged: {exception.Message} The server's operator can list damaged records with `fastflow verify --data DIR`.");
        }
    }

    /// <summary>The run's state as of now.</summary>
    /// <exception cref="RequestException"><see cref="ErrorCode.NotFound"/>.</exception>
    public RunStateMessage State(string runId)
    {
        if (Live(runId) is { } handle)
        {
            return State(handle);
        }

        return Stored(runId) is { } record ? RunStateMapper.From(record) : throw NotFound(runId);
    }

    /// <summary>The state of a run the engine holds.</summary>
    public RunStateMessage State(RunHandle handle) => RunStateMapper.From(handle.GetSnapshot());

    /// <summary>The state of a run as it ended.</summary>
    public RunStateMessage State(RunResult result) => RunStateMapper.From(result);

    /// <summary>The error for a run id the server does not know.</summary>
    public RequestException NotFound(string runId) => new(ErrorCode.NotFound,
        $"There is no run '{runId}' on this server. list_runs (`fastflow list`) shows the runs it keeps; " +
        (IsDurable
            ? "its store keeps every run until its retention removes old finished ones."
            : $"without a data directory it keeps finished runs in memory only, the last {engine.Options.RetainFinishedRuns}."));

    /// <summary>Checks a run id given by a client: 1 to 64 letters, digits, '.', '_' or '-', as `fastflow run --run-id` takes.</summary>
    /// <exception cref="RequestException"><see cref="ErrorCode.InvalidRequest"/>.</exception>
    public static string Require(string? runId, string field = "run_id")
    {
        if (string.IsNullOrEmpty(runId))
        {
            throw new RequestException(ErrorCode.InvalidRequest, $"{field} is missing: name the run, as submit_run or list_runs returned its id.",
                [WireDiagnostics.Field(field, $"{field} is missing")]);
        }

        if (runId.Length > 64 || !runId.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new RequestException(ErrorCode.InvalidRequest,
                $"{field} '{Shorten(runId)}' is not a run id: use 1 to 64 letters, digits, '.', '_' or '-'.",
                [WireDiagnostics.Field(field, $"'{Shorten(runId)}' is not a run id", "use 1 to 64 letters, digits, '.', '_' or '-'")]);
        }

        return runId;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
