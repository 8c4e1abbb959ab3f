using System.CommandLine;
using FastFlow.Cli.Remote;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow create FILE [--input k=v]... [--inputs-file F] [--priority P] [--server
/// HOST:PORT] [--token T] [--json]</c>: a run on a server that waits, pending, for <c>start</c>.</summary>
internal static class CreateCommand
{
    public static Command Create()
    {
        var run = NewRunOptions.Create();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForServerCommand();
        var command = new Command("create",
            "Send a definition file to a server and create a run of it that waits (pending) until `fastflow start RUN`.\n" +
            "Prints the run id (with --json, the run object). A pending run keeps waiting across server restarts.\n" +
            "Exit codes: 0 created, 2 invalid definition or inputs, 5 server unreachable.");
        run.AddTo(command);
        command.Options.Add(json);
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var server = remote.Required(parse, "create");
            var definition = run.Read(parse);
            var priority = parse.GetValue(run.Priority);
            var jsonOutput = parse.GetValue(json);
            return RemoteSession.RunAsync(server, async client =>
            {
                var state = await client.CreateRunAsync(new CreateRunMessage
                {
                    Source = definition.Source,
                    Inputs = definition.Inputs,
                    Priority = priority,
                }).ConfigureAwait(false);
                if (jsonOutput)
                {
                    RemoteRunOutput.WriteJson(state);
                }
                else
                {
                    await Console.Out.WriteLineAsync(state.RunId).ConfigureAwait(false);
                    await Console.Error.WriteLineAsync(
                        $"created run {state.RunId} of {state.WorkflowId} on {server.Display} ({state.Status}); " +
                        $"`fastflow start {state.RunId}{server.Option}` starts it").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }, RequestContext.ForFile(definition.File));
        });
        return command;
    }
}
