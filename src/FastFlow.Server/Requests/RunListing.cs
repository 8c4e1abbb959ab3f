using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Requests;

/// <summary>list_runs: runs newest first, filtered by status and workflow. On a durable server
/// from the store (with the live status of runs active here); in memory from the engine's active
/// runs and the finished ones it retains.</summary>
internal sealed class RunListing(FlowEngine engine, RunLookup lookup)
{
    /// <summary>Runs listed when the request says 0.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The most runs one reply lists.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The reply to <paramref name="request"/>.</summary>
    /// <exception cref="RequestException"><see cref="ErrorCode.InvalidRequest"/> for a bad status or limit.</exception>
    public RunListMessage List(ListRunsMessage request)
    {
        var limit = Limit(request.Limit);
        var status = Status(request.Status);
        var workflow = string.IsNullOrEmpty(request.WorkflowId) ? null : request.WorkflowId;
        var runs = lookup.IsDurable ? FromStore(status, workflow, limit) : FromEngine(status, workflow, limit);
        return new RunListMessage { Runs = runs };
    }

    private List<RunSummary> FromStore(RunStatus? status, string? workflow, int limit)
    {
        var runs = new List<RunSummary>();
        foreach (var record in engine.ListStoredRuns())
        {
            if (workflow is not null && !string.Equals(record.WorkflowId, workflow, StringComparison.Ordinal))
            {
                continue;
            }

            var live = lookup.Live(record.RunId)?.Status;
            var current = live ?? (WireNames.TryParse<RunStatus>(record.Status, out var stored) ? stored : null);
            if (status is not null && current != status)
            {
                continue;
            }

            runs.Add(RunStateMapper.Summary(record, live));
            if (runs.Count == limit)
            {
                break;
            }
        }

        return runs;
    }

    private List<RunSummary> FromEngine(RunStatus? status, string? workflow, int limit)
    {
        var matches = new List<RunResult>();
        foreach (var handle in engine.KnownRuns)
        {
            if ((workflow is not null && !string.Equals(handle.WorkflowId, workflow, StringComparison.Ordinal))
                || (status is not null && handle.Status != status))
            {
                continue;
            }

            matches.Add(handle.GetSnapshot());
        }

        return
        [
            .. matches
                .OrderByDescending(static r => r.CreatedAt)
                .ThenBy(static r => r.RunId, StringComparer.Ordinal)
                .Take(limit)
                .Select(static r => RunStateMapper.Summary(r)),
        ];
    }

    private static int Limit(int limit) => limit switch
    {
        0 => DefaultLimit,
        > 0 and <= MaxLimit => limit,
        _ => throw new RequestException(ErrorCode.InvalidRequest,
            $"limit {limit} is out of range: give 1 to {MaxLimit}, or 0 for {DefaultLimit}.",
            [WireDiagnostics.Field("limit", $"{limit} is out of range", $"give 1 to {MaxLimit}, or 0 for {DefaultLimit}")]),
    };

    private static RunStatus? Status(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (WireNames.TryParse<RunStatus>(text, out var status))
        {
            return status;
        }

        var allowed = string.Join(", ", WireNames.NamesOf<RunStatus>());
        throw new RequestException(ErrorCode.InvalidRequest,
            $"status '{text}' is not a run status: use one of {allowed}, or leave it out for every run.",
            [WireDiagnostics.Field("status", $"'{text}' is not a run status", $"use one of {allowed}")]);
    }
}
