using System.CommandLine;
using FastFlow.Cli.Remote;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow start RUN [--server HOST:PORT] [--token T] [--json]</c>: starts a run that
/// <c>create</c> left pending.</summary>
internal static class StartCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForServerCommand();
        var command = new Command("start",
            "Start a run that `fastflow create` left pending on a server; it runs there (`fastflow monitor RUN` follows it).\n" +
            "Exit codes: 0 started, 2 no such run or not pending, 5 server unreachable.")
        {
            run,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var server = remote.Required(parse, "start");
            var runId = parse.GetRequiredValue(run);
            var jsonOutput = parse.GetValue(json);
            return RemoteSession.RunAsync(server, async client =>
            {
                var state = await client.StartRunAsync(runId).ConfigureAwait(false);
                RemoteControlOutput.Print(state, server, jsonOutput, $"started run {runId}", $"`fastflow monitor {runId}{server.Option}` follows it");
                return ExitCodes.Success;
            }, RequestContext.ForRun(runId));
        });
        return command;
    }
}
