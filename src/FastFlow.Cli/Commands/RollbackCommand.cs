using System.CommandLine;
using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;
using FastFlow.Storage.Runs;
using Spectre.Console;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow rollback RUN [--checkpoint ID] [--agents F] [--data DIR] [--json]</c>:
/// restores a paused or failed run to a checkpoint; the run is then paused, and <c>resume</c>
/// continues it from there.</summary>
internal static class RollbackCommand
{
    /// <summary>Who the history says did it.</summary>
    private const string Actor = "cli";

    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var checkpoint = new Option<long?>("--checkpoint")
        {
            Description = "The checkpoint to go back to, by id (`fastflow checkpoints RUN` lists them); default: the latest good one",
            HelpName = "ID",
            CustomParser = static result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id >= 1)
                {
                    return id;
                }

                result.AddError($"--checkpoint {text} is not a checkpoint id: ids are whole numbers from 1 (`fastflow checkpoints RUN` lists them).");
                return null;
            },
        };
        var agents = SharedOptions.Agents();
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForDataCommand();
        var command = new Command("rollback",
            "Restore a paused or failed run to a checkpoint: tasks that ended after it are pending again, its context and outputs\n" +
            "are as they were, and the rollback is recorded in the history. The run is then paused: `fastflow resume RUN`\n" +
            "continues it from there. Give --agents when the workflow uses agents. With --server, rolls back a run of the server\n" +
            "(--json then names the checkpoint by its id only: `checkpoint: { checkpoint_id }`).\n" +
            "Exit codes: 0 rolled back; 2 no such run or checkpoint, or a run that cannot be rolled back (running, completed, cancelled).")
        {
            run,
            checkpoint,
            agents,
            data,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var runId = parse.GetRequiredValue(run);
            var checkpointId = parse.GetValue(checkpoint);
            var jsonOutput = parse.GetValue(json);
            if (remote.Optional(parse, data) is { } server)
            {
                RemoteOptions.RefuseLocalOptions(parse, agents);
                return RemoteSession.RunAsync(server, client => RollbackRemoteAsync(client, server, runId, checkpointId, jsonOutput), RequestContext.ForRun(runId));
            }

            return DataSession.WithEngineAsync(parse.GetValue(data), Environment.CurrentDirectory, parse.GetValue(agents),
                (engine, runs) => Task.FromResult(Rollback(engine, runs, runId, checkpointId, jsonOutput)));
        });
        return command;
    }

    private static int Rollback(FlowEngine engine, StoredRuns runs, string runId, long? checkpointId, bool json)
    {
        var record = runs.Get(runId);
        if (record.Status is "pending" or "running")
        {
            // Opening such a run would set it going again: refuse before the engine sees it.
            throw new CommandFailedException(
                $"run {runId} is {record.Status} (its process ended before it did); only a paused or failed run can be rolled back",
                $"`fastflow resume {runId}{runs.Data.Option}` continues it; `fastflow cancel {runId}{runs.Data.Option}` ends it");
        }

        RunHandle handle;
        try
        {
            handle = engine.Rollback(runId, checkpointId, Actor);
        }
        catch (InvalidOperationException exception)
        {
            throw new CommandFailedException(
                $"run {runId} cannot be rolled back: {exception.Message}",
                $"`fastflow checkpoints {runId}{runs.Data.Option}` lists its checkpoints; `fastflow status {runId}{runs.Data.Option}` shows where it stands");
        }

        var after = runs.Get(runId);
        var rolledBackTo = LastRollback(runs.Records, runId) ?? checkpointId ?? 0;
        var info = runs.Records.ListCheckpoints(runId).FirstOrDefault(c => c.CheckpointId == rolledBackTo);
        var report = RunReport.From(handle.GetSnapshot(), runs.Progress(after, runs.Report(after, out _)));
        if (json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("run_id", runId);
                writer.WritePropertyName("checkpoint");
                if (info is not null)
                {
                    CheckpointJson.Write(writer, info);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WritePropertyName("run");
                RunJson.Write(writer, report, DateTimeOffset.UtcNow);
                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        var console = Consoles.StandardOutput();
        var taken = info is { Corrupt: false } ? $" ({info.Reason ?? "checkpoint"}, taken {Durations.LocalDateTime(TaskHistoryReplay.Utc(info.TakenAt), milliseconds: true)})" : string.Empty;
        console.MarkupLine(Markup.Escape($"rolled back run {runId} to checkpoint {rolledBackTo}{taken}"));
        console.WriteLine();
        RunSummary.Write(console, report, new SummaryNotes(runs.Data));
        return ExitCodes.Success;
    }

    /// <summary>The server rolls its run back; printed as a local rollback, the checkpoint named by its id.</summary>
    private static async Task<int> RollbackRemoteAsync(Client.FastFlowClient client, ServerAddress server, string runId, long? checkpointId, bool json)
    {
        var state = await client.RollbackRunAsync(runId, checkpointId).ConfigureAwait(false);
        var history = await client.GetHistoryAsync(runId).ConfigureAwait(false);
        var rolledBackTo = history.Entries.LastOrDefault(static e => e.Kind == "run.rolled_back")?.CheckpointId ?? checkpointId;
        var report = RemoteRunReport.From(state);
        if (json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("run_id", runId);
                if (rolledBackTo is { } id)
                {
                    writer.WriteStartObject("checkpoint");
                    writer.WriteNumber("checkpoint_id", id);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("checkpoint");
                }

                writer.WritePropertyName("run");
                RunJson.Write(writer, report, DateTimeOffset.UtcNow);
                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        var console = Consoles.StandardOutput();
        console.MarkupLine(Markup.Escape(rolledBackTo is { } to ? $"rolled back run {runId} to checkpoint {to}" : $"rolled back run {runId}"));
        console.WriteLine();
        RunSummary.Write(console, await RemoteRunOutput.WithTimingsAsync(client, report).ConfigureAwait(false), new SummaryNotes(null, Server: server.Option));
        return ExitCodes.Success;
    }

    /// <summary>The checkpoint the history's last rollback went back to.</summary>
    private static long? LastRollback(RunStore records, string runId) =>
        records.ReadHistoryTolerant(runId).Entries.LastOrDefault(static e => e.Type == "run.rolled_back")?.CheckpointId;
}
