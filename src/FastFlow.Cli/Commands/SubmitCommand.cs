using System.CommandLine;
using FastFlow.Cli.Remote;
using FastFlow.Client;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow submit FILE [--input k=v]... [--inputs-file F] [--priority P] [--wait]
/// [--server HOST:PORT] [--token T] [--json]</c>: sends a definition to a server and starts a run
/// of it; with <c>--wait</c>, follows it to the end and prints what <c>run</c> prints.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var run = NewRunOptions.Create();
        var wait = new Option<bool>("--wait")
        {
            Description = "Follow the run to its end (or pause) and print it as `fastflow run` does, with run's exit codes",
        };
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForServerCommand();
        var command = new Command("submit",
            "Send a definition file to a server (`fastflow serve`) and start a run of it there.\n" +
            "Without --wait, prints the run id (with --json, the run object as it stands) and exits 0.\n" +
            "With --wait, shows each event as it comes and prints the run as `fastflow run` does (--json: the same object).\n" +
            "Exit codes: 0 completed (or started), 1 failed, 2 invalid definition or inputs, 3 cancelled, 4 paused, 5 server unreachable.");
        run.AddTo(command);
        command.Options.Add(wait);
        command.Options.Add(json);
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var server = remote.Required(parse, "submit");
            var definition = run.Read(parse);
            var priority = parse.GetValue(run.Priority);
            var jsonOutput = parse.GetValue(json);
            return RemoteSession.RunAsync(
                server,
                client => parse.GetValue(wait)
                    ? SubmitAndFollowAsync(client, server, definition, priority, jsonOutput)
                    : SubmitAsync(client, server, definition, priority, jsonOutput),
                RequestContext.ForFile(definition.File));
        });
        return command;
    }

    private static async Task<int> SubmitAsync(FastFlowClient client, ServerAddress server, RemoteDefinition definition, string? priority, bool json)
    {
        var state = await client.SubmitRunAsync(new SubmitRunMessage
        {
            Source = definition.Source,
            Inputs = definition.Inputs,
            Priority = priority,
        }).ConfigureAwait(false);
        if (json)
        {
            RemoteRunOutput.WriteJson(state);
        }
        else
        {
            // The id alone on stdout, for RUN=$(fastflow submit ...); the rest is for people.
            await Console.Out.WriteLineAsync(state.RunId).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(
                $"submitted run {state.RunId} of {state.WorkflowId} to {server.Display} ({state.Status}); " +
                $"`fastflow monitor {state.RunId}{server.Option}` follows it").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>Created, subscribed to, then started: every event of the run is seen.</summary>
    private static async Task<int> SubmitAndFollowAsync(FastFlowClient client, ServerAddress server, RemoteDefinition definition, string? priority, bool json)
    {
        var created = await client.CreateRunAsync(new CreateRunMessage
        {
            Source = definition.Source,
            Inputs = definition.Inputs,
            Priority = priority,
        }).ConfigureAwait(false);
        var runId = created.RunId;
        var lines = json ? EventLines.None : new EventLines(Console.Out, json: false);
        lines.Notice($"run {runId} of {created.WorkflowId} on {server.Display}");
        var final = await RunFollower.FollowAsync(client, runId, () => client.StartRunAsync(runId), lines, server).ConfigureAwait(false);
        if (!json)
        {
            await Console.Out.WriteLineAsync().ConfigureAwait(false);
        }

        return await RemoteRunOutput.PrintAsync(client, final, server, json).ConfigureAwait(false);
    }
}
