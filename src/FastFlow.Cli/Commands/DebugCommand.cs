using System.CommandLine;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow debug RUN [--server HOST:PORT] [--token T] [--json]</c>: what went wrong in
/// a run on a server: its error, each attempt of the tasks that failed, and its history.</summary>
internal static class DebugCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForServerCommand();
        var command = new Command("debug",
            "Show what went wrong in a run on a server: the run's error; for each task that did not complete (or had a failed\n" +
            "attempt) every attempt with when it started and ended, how, its error and when it was retried; then the history.\n" +
            "--json: { run, error, attempts: [...], entries: [...] }.\n" +
            "Exit codes by the run's status (as `status`): 0 completed, pending or running, 1 failed, 3 cancelled, 4 paused;\n" +
            "2 no such run, 5 server unreachable.")
        {
            run,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var server = remote.Required(parse, "debug");
            var runId = parse.GetRequiredValue(run);
            var jsonOutput = parse.GetValue(json);
            return RemoteSession.RunAsync(server, async client =>
            {
                var state = await client.GetRunAsync(runId).ConfigureAwait(false);
                var history = await client.GetHistoryAsync(runId).ConfigureAwait(false);
                var report = RemoteRunReport.From(state);
                var entries = history.Entries.Select(RemoteRecords.EntryOf).ToList();
                var attempts = AttemptDetail.From(entries);
                if (jsonOutput)
                {
                    DebugOutput.WriteJson(report, attempts, entries);
                }
                else
                {
                    DebugOutput.WriteText(Consoles.StandardOutput(), report, attempts, entries, server);
                }

                return ExitCodes.ForRun(report.Status);
            }, RequestContext.ForRun(runId));
        });
        return command;
    }
}
