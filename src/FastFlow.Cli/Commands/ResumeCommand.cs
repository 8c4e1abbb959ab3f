using System.CommandLine;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;
using FastFlow.Cli.Running;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow resume RUN [--agents F] [--file-root DIR] [--data DIR] [--timeout S]
/// [--quiet] [--json]</c>: continues a run that a crash or a pause left unfinished (or retries a
/// failed one) and follows it to the end exactly as <c>run</c> does.</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var agents = SharedOptions.Agents();
        var fileRoot = SharedOptions.Path("--file-root", "DIR", "The folder file_operation may use (default: the current directory)");
        var data = SharedOptions.Data();
        var timeout = RunCommand.TimeoutOption();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary, no progress" };
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForDataCommand();
        var command = new Command("resume",
            "Continue a run kept in a data directory and follow it to the end, as `run` does: a paused run is resumed (the task\n" +
            "whose failure paused it runs again), a run its process left unfinished goes on where it stood (completed tasks do\n" +
            "not run again), a failed run is retried (what did not complete runs again). A completed or cancelled run is\n" +
            "shown as it ended and not changed. Give the same --agents and --file-root as the run had.\n" +
            "With --server, the server resumes its run and this command follows it to the end the same way.\n" +
            "Exit codes: 0 completed, 1 failed, 2 invalid input or no such run, 3 cancelled, 4 paused again.")
        {
            run,
            agents,
            fileRoot,
            data,
            timeout,
            quiet,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var runId = parse.GetRequiredValue(run);
            var jsonOutput = parse.GetValue(json);
            var quietOutput = parse.GetValue(quiet);
            if (remote.Optional(parse, data) is { } server)
            {
                RemoteOptions.RefuseLocalOptions(parse, agents, fileRoot, timeout);
                return RemoteSession.RunAsync(server, client => ResumeRemoteAsync(client, server, runId, jsonOutput, quietOutput), RequestContext.ForRun(runId));
            }

            var limit = RunCommand.Timeout(parse.GetValue(timeout));
            return DataSession.WithEngineAsync(parse.GetValue(data), RunCommand.FileRoot(parse.GetValue(fileRoot)), parse.GetValue(agents),
                (engine, runs) => ResumeAsync(engine, runs, runId, limit, jsonOutput, quietOutput));
        });
        return command;
    }

    private static async Task<int> ResumeAsync(FlowEngine engine, StoredRuns runs, string runId, TimeSpan? timeout, bool json, bool quiet)
    {
        var record = runs.Get(runId);
        var stored = runs.Report(record, out _);
        if (stored.Status is RunStatus.Completed or RunStatus.Cancelled)
        {
            DiagnosticPrinter.ForStandardError().WriteWarning(
                $"run {runId} already ended ({record.Status}): there is nothing to resume, and it is shown as it ended", hint: null);
            StatusCommand.Print(stored, runs.Data, json);
            return ExitCodes.ForRun(stored.Status);
        }

        var progress = runs.Progress(record, stored);
        var display = RunCommand.Display(json, quiet);
        if (!json && !quiet)
        {
            display.Notice($"resuming run {runId} of {record.WorkflowId} ({record.Status}) from {runs.Data.Display}");
        }

        var outcome = await RunSession.FollowAsync(engine, progress, () => new ValueTask<RunHandle>(Open(engine, runId, runs.Data)), display, timeout)
            .ConfigureAwait(false);
        RunCommand.Print(outcome, display, runs.Data, json);
        return outcome.ExitCode;
    }

    /// <summary>The server resumes the run; it is followed to its end (or next pause) as a local resume is.</summary>
    private static async Task<int> ResumeRemoteAsync(Client.FastFlowClient client, ServerAddress server, string runId, bool json, bool quiet)
    {
        var state = await client.GetRunAsync(runId).ConfigureAwait(false);
        if (state.Status is "completed" or "cancelled")
        {
            DiagnosticPrinter.ForStandardError().WriteWarning(
                $"run {runId} already ended ({state.Status}): there is nothing to resume, and it is shown as it ended", hint: null);
            return await RemoteRunOutput.PrintAsync(client, state, server, json).ConfigureAwait(false);
        }

        var lines = json || quiet ? EventLines.None : new EventLines(Console.Out, json: false);
        lines.Notice($"resuming run {runId} of {state.WorkflowId} ({state.Status}) on {server.Display}");
        RunStateMessage final;
        if (state.Status == "failed")
        {
            // A subscription to an ended run only replays its end: retry first, then follow the new go.
            await client.ResumeRunAsync(runId).ConfigureAwait(false);
            final = await RunFollower.FollowAsync(client, runId, act: null, lines, server).ConfigureAwait(false);
        }
        else
        {
            final = await RunFollower.FollowAsync(client, runId, () => client.ResumeRunAsync(runId), lines, server).ConfigureAwait(false);
        }

        if (!json && !quiet)
        {
            await Console.Out.WriteLineAsync().ConfigureAwait(false);
        }

        return await RemoteRunOutput.PrintAsync(client, final, server, json).ConfigureAwait(false);
    }

    /// <summary>Brings the run into the engine and sets it going: a paused run is resumed, a failed
    /// one retried; one left pending or running is started by the engine as it is opened.</summary>
    private static RunHandle Open(FlowEngine engine, string runId, DataDirectory data)
    {
        var handle = StoredRunControl.Open(engine, runId, "resumed", data);
        switch (handle.Status)
        {
            case RunStatus.Paused:
                handle.Resume();
                break;
            case RunStatus.Failed:
                handle.Retry();
                break;
        }

        return handle;
    }
}
