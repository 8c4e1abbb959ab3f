using System.CommandLine;
using System.Text.Json;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;
using FastFlow.Client;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow monitor RUN [--server HOST:PORT] [--token T] [--json]</c>: a run's events
/// live from a server, one line each, until it ends or pauses; then the run as <c>status</c> shows it.</summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForServerCommand();
        var command = new Command("monitor",
            "Follow a run on a server live: one line per event (task started, completed, failed, retrying, ...) as it\n" +
            "happens, until the run ends or pauses; then the run's summary. --json prints one JSON object per event and,\n" +
            "last, { \"type\": \"run.ended\", \"run\": <the run object of `run --json`> }, each on one line.\n" +
            "Exit codes by the run's end: 0 completed, 1 failed, 3 cancelled, 4 paused; 2 no such run, 5 server unreachable.")
        {
            run,
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var server = remote.Required(parse, "monitor");
            var runId = parse.GetRequiredValue(run);
            var jsonOutput = parse.GetValue(json);
            return RemoteSession.RunAsync(server, client => MonitorAsync(client, server, runId, jsonOutput), RequestContext.ForRun(runId));
        });
        return command;
    }

    private static async Task<int> MonitorAsync(FastFlowClient client, ServerAddress server, string runId, bool json)
    {
        var lines = new EventLines(Console.Out, json);
        lines.Notice($"following run {runId} on {server.Display}");
        var final = await RunFollower.FollowAsync(client, runId, act: null, lines, server).ConfigureAwait(false);
        var report = RemoteRunReport.From(final);
        if (json)
        {
            WriteEnd(report);
        }
        else
        {
            await Console.Out.WriteLineAsync().ConfigureAwait(false);
            RemoteRunOutput.WriteSummary(await RemoteRunOutput.WithTimingsAsync(client, report).ConfigureAwait(false), server);
        }

        return ExitCodes.ForRun(report.Status);
    }

    /// <summary>The last line of <c>--json</c>: the run object, compact, after the event lines.</summary>
    private static void WriteEnd(RunReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "run.ended");
            writer.WritePropertyName("run");
            RunJson.Write(writer, report, DateTimeOffset.UtcNow);
            writer.WriteEndObject();
        }

        Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        Console.Out.Flush();
    }
}
