using System.CommandLine;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow status RUN [--data DIR | --server HOST:PORT] [--json]</c>: a stored run (or
/// a server's) as it stands, as the summary of <c>run</c> or its run object; read-only.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForDataCommand();
        var command = new Command("status",
            "Show a run kept in a data directory (or by a server, with --server) as it stands: its status, every task, the\n" +
            "outputs (as `run` shows them).\n" +
            "Exit codes by the run's status: 0 completed (or pending/running), 1 failed, 3 cancelled, 4 paused; 2 no such run.")
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
            var report = runs.Report(record, out var damage);
            Print(report, runs.Data, parse.GetValue(json));
            if (damage is not null)
            {
                DiagnosticPrinter.ForStandardError().WriteWarning(
                    $"the history of run {record.RunId} is damaged at {damage.Where}: tasks are shown as of the entry before it",
                    $"`fastflow verify{runs.Data.Option}` lists every damaged record");
            }

            return ExitCodes.ForRun(report.Status);
        }));
        return command;
    }

    /// <summary>The run as the server has it now.</summary>
    private static Task<int> RemoteAsync(ServerAddress server, string runId, bool json) =>
        RemoteSession.RunAsync(
            server,
            async client => await RemoteRunOutput.PrintAsync(client, await client.GetRunAsync(runId).ConfigureAwait(false), server, json).ConfigureAwait(false),
            RequestContext.ForRun(runId));

    /// <summary>A stored run: the run object, or the summary with what can be done next.</summary>
    public static void Print(RunReport report, DataDirectory data, bool json)
    {
        if (json)
        {
            RunJson.Write(report);
        }
        else
        {
            RunSummary.Write(Consoles.StandardOutput(), report, new SummaryNotes(data));
        }
    }
}
