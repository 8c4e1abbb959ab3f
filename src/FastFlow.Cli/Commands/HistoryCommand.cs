using System.CommandLine;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow history RUN [--data DIR | --server HOST:PORT] [--json]</c>: every transition of a stored run,
/// the audit trail (who, what, when, why); read-only.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForDataCommand();
        var command = new Command("history",
            "Show every entry of a run's history: when, what (event type), which task and attempt, who (actor), the status it\n" +
            "moved to, why, the error, when a retry is due, the checkpoint taken or rolled back to.\n" +
            "Exit 0; 2 no such run. A damaged entry ends the list with a warning (see `fastflow verify`).")
        {
            run,
            data,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) => remote.Optional(parse, data) is { } server
            ? RemoteAsync(server, parse.GetRequiredValue(run), parse.GetValue(json))
            : DataSession.ReadAsync(parse.GetValue(data), runs =>
        {
            var record = runs.Get(parse.GetRequiredValue(run));
            var history = runs.Records.ReadHistoryTolerant(record.RunId);
            if (parse.GetValue(json))
            {
                HistoryJson.Write(record.RunId, history);
            }
            else
            {
                HistoryText.Write(Consoles.StandardOutput(), history.Entries);
            }

            if (history.StoppedAt is { } damage)
            {
                DiagnosticPrinter.ForStandardError().WriteWarning(
                    $"the history of run {record.RunId} is damaged at {damage.Where} ({damage.Problem}); the entries from there on are not shown",
                    $"`fastflow verify{runs.Data.Option}` lists every damaged record");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The run's history as the server has it, printed as from a data directory.</summary>
    private static Task<int> RemoteAsync(ServerAddress server, string runId, bool json) =>
        RemoteSession.RunAsync(server, async client =>
        {
            var history = await client.GetHistoryAsync(runId).ConfigureAwait(false);
            var entries = history.Entries.Select(RemoteRecords.EntryOf).ToList();
            if (json)
            {
                HistoryJson.Write(history.RunId, new HistoryRead(entries, stoppedAt: null));
            }
            else
            {
                HistoryText.Write(Consoles.StandardOutput(), entries);
            }

            return ExitCodes.Success;
        }, RequestContext.ForRun(runId));
}
