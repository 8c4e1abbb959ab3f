using System.CommandLine;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow health [--server HOST:PORT] [--token T] [--json]</c>: whether a server is up,
/// and what it is doing.</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForServerCommand();
        var command = new Command("health",
            "Ask a server how it is: its status (ok, or draining while it stops), version, uptime, active runs,\n" +
            "connections, event subscriptions, leased tasks and durability.\n" +
            "Exit codes: 0 ok, 1 the server is draining (stopping), 5 server unreachable or the token refused.")
        {
            json,
        };
        remote.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var server = remote.Required(parse, "health");
            var jsonOutput = parse.GetValue(json);
            return RemoteSession.RunAsync(server, async client =>
            {
                var health = await client.GetHealthAsync().ConfigureAwait(false);
                if (jsonOutput)
                {
                    WriteJson(health, server);
                }
                else
                {
                    WriteText(health, server);
                }

                return health.Status == "ok" ? ExitCodes.Success : ExitCodes.RunFailed;
            });
        });
        return command;
    }

    /// <summary><c>{ server_address, status, server, uptime_ms, active_runs, connections, subscriptions, leases, durability }</c>.</summary>
    private static void WriteJson(HealthReportMessage health, ServerAddress server) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("server_address", server.Display);
        writer.WriteString("status", health.Status);
        writer.WriteString("server", health.Server);
        writer.WriteNumber("uptime_ms", health.UptimeMs);
        writer.WriteNumber("active_runs", health.ActiveRuns);
        writer.WriteNumber("connections", health.Connections);
        writer.WriteNumber("subscriptions", health.Subscriptions);
        writer.WriteNumber("leases", health.Leases);
        writer.WriteString("durability", health.Durability);
        writer.WriteEndObject();
    });

    private static void WriteText(HealthReportMessage health, ServerAddress server)
    {
        var stdout = Console.Out;
        stdout.WriteLine($"{server.Display}: {health.Status} ({health.Server}, up {Durations.Format(TimeSpan.FromMilliseconds(health.UptimeMs))})");
        stdout.WriteLine($"  active runs    {health.ActiveRuns}");
        stdout.WriteLine($"  connections    {health.Connections}");
        stdout.WriteLine($"  subscriptions  {health.Subscriptions}");
        stdout.WriteLine($"  leased tasks   {health.Leases}");
        stdout.WriteLine($"  durability     {health.Durability}");
    }
}
