using System.CommandLine;
using FastFlow.Cli.Remote;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow stop RUN [--server HOST:PORT] [--token T] [--json]</c>: pauses a run on a
/// server; <c>resume</c> continues it.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForServerCommand();
        var command = new Command("stop",
            "Pause a run on a server: attempts under way finish, nothing new starts, and the run waits (paused) until\n" +
            "`fastflow resume RUN` continues it or `fastflow cancel RUN` ends it. Prints the run as it stands.\n" +
            "Exit codes: 0 paused, 2 no such run or it has ended, 5 server unreachable.")
        {
            run,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var server = remote.Required(parse, "stop");
            var runId = parse.GetRequiredValue(run);
            var jsonOutput = parse.GetValue(json);
            return RemoteSession.RunAsync(server, async client =>
            {
                var state = await client.PauseRunAsync(runId).ConfigureAwait(false);
                RemoteControlOutput.Print(state, server, jsonOutput, $"paused run {runId}",
                    $"`fastflow resume {runId}{server.Option}` continues it, `fastflow cancel {runId}{server.Option}` ends it");
                return ExitCodes.Success;
            }, RequestContext.ForRun(runId));
        });
        return command;
    }
}
