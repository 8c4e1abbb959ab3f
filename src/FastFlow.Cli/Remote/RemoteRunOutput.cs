using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Client;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Remote;

/// <summary>A run a server reported, printed as the local commands print one: the run object of
/// <c>run --json</c>, or the summary with the commands that go on from here (naming the server).</summary>
internal static class RemoteRunOutput
{
    /// <summary>Prints the run and returns its exit code (0 completed, pending or running; 1 failed; 3 cancelled; 4 paused).</summary>
    public static async Task<int> PrintAsync(FastFlowClient client, RunStateMessage state, ServerAddress server, bool json)
    {
        var report = RemoteRunReport.From(state);
        if (json)
        {
            RunJson.Write(report);
        }
        else
        {
            WriteSummary(await WithTimingsAsync(client, report).ConfigureAwait(false), server);
        }

        return ExitCodes.ForRun(report.Status);
    }

    /// <summary>Prints the run object.</summary>
    public static void WriteJson(RunStateMessage state) => RunJson.Write(RemoteRunReport.From(state));

    /// <summary>Prints the summary of <c>run</c>.</summary>
    public static void WriteSummary(RunReport report, ServerAddress server) =>
        Output.RunSummary.Write(Consoles.StandardOutput(), report, new SummaryNotes(null, Server: server.Option));

    /// <summary>The report with each task's start and end, for the summary's duration column: from
    /// the run's history when the server's reply has none, replayed as <c>status</c> replays a
    /// data directory's. Without a history (a server in memory may keep none), as it is.</summary>
    public static async Task<RunReport> WithTimingsAsync(FastFlowClient client, RunReport report)
    {
        if (report.Tasks.Any(static t => t.StartedAt is not null))
        {
            return report;
        }

        HistoryMessage history;
        try
        {
            history = await client.GetHistoryAsync(report.RunId).ConfigureAwait(false);
        }
        catch (FastFlowServerException)
        {
            return report;
        }

        var entries = history.Entries.Select(RemoteRecords.EntryOf).ToList();
        var replayed = TaskHistoryReplay.Replay([.. report.Tasks.Select(static t => t.Id)], entries, static _ => true)
            .ToDictionary(static t => t.Id, StringComparer.Ordinal);
        return report with
        {
            Tasks = [.. report.Tasks.Select(task => replayed.TryGetValue(task.Id, out var seen)
                ? task with { StartedAt = seen.StartedAt, EndedAt = seen.EndedAt }
                : task)],
        };
    }
}
