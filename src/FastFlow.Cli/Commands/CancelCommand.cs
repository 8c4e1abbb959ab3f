using System.CommandLine;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Remote;
using FastFlow.Cli.Running;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow cancel RUN [--force] [--agents F] [--data DIR] [--json]</c>: ends a run
/// that has not ended, waits for it to wind down and prints the result.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var force = new Option<bool>("--force")
        {
            Description = "Stop at once: attempts under way are abandoned (default: graceful, running tasks may finish)",
        };
        var agents = SharedOptions.Agents();
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForDataCommand();
        var command = new Command("cancel",
            "Cancel a run kept in a data directory that has not ended (paused, or left pending or running by its process),\n" +
            "wait for it to end and print the result. Graceful by default; --force abandons what is under way.\n" +
            "With --server, cancels a run of the server the same way.\n" +
            "Exit codes: 3 cancelled; 2 no such run, or it has ended already.")
        {
            run,
            force,
            agents,
            data,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var runId = parse.GetRequiredValue(run);
            var mode = parse.GetValue(force) ? CancelMode.Forced : CancelMode.Graceful;
            var jsonOutput = parse.GetValue(json);
            if (remote.Optional(parse, data) is { } server)
            {
                RemoteOptions.RefuseLocalOptions(parse, agents);
                return RemoteSession.RunAsync(server, async client =>
                {
                    var final = await RunFollower.FollowAsync(
                        client, runId, () => client.CancelRunAsync(runId, mode == CancelMode.Forced), EventLines.None, server, untilEnded: true).ConfigureAwait(false);
                    return await RemoteRunOutput.PrintAsync(client, final, server, jsonOutput).ConfigureAwait(false);
                }, RequestContext.ForRun(runId));
            }

            return DataSession.WithEngineAsync(parse.GetValue(data), Environment.CurrentDirectory, parse.GetValue(agents),
                (engine, runs) => CancelAsync(engine, runs, runId, mode, jsonOutput));
        });
        return command;
    }

    private static async Task<int> CancelAsync(FlowEngine engine, StoredRuns runs, string runId, CancelMode mode, bool json)
    {
        var record = runs.Get(runId);
        if (Storage.Runs.RunStore.IsTerminalStatus(record.Status))
        {
            throw new CommandFailedException(
                $"run {runId} has ended already ({record.Status}): there is nothing to cancel",
                $"`fastflow status {runId}{runs.Data.Option}` shows how it ended");
        }

        var stored = runs.Report(record, out _);
        var progress = runs.Progress(record, stored);
        var display = RunCommand.Display(json, quiet: true);
        var outcome = await RunSession.FollowAsync(engine, progress, () =>
        {
            var handle = StoredRunControl.Open(engine, runId, "cancelled", runs.Data);
            handle.Cancel(mode);
            return new ValueTask<RunHandle>(handle);
        }, display, timeout: null).ConfigureAwait(false);
        RunCommand.Print(outcome, display, runs.Data, json);
        return outcome.ExitCode;
    }
}
