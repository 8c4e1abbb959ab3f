using System.Net;
using System.Net.Sockets;
using FastFlow.Cli.Commands;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Server;
using FastFlow.Storage.Stores;

namespace FastFlow.Cli.Serving;

/// <summary>The life of <c>fastflow serve</c>: the data directory opened (one process per
/// directory), the engine made and its unfinished runs recovered, the server started and one
/// ready line printed; on SIGTERM or Ctrl-C the server stops taking work, every active run is
/// checkpointed, and the engine and the store are closed (flushed) before the process exits 0.</summary>
internal static class ServeHost
{
    /// <summary>How long requests under way get to finish once a stop is asked for.</summary>
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(ServeSettings settings)
    {
        // Installed first: a SIGTERM while the store opens or runs recover still stops cleanly.
        using var signal = new ShutdownSignal();
        var data = settings.InMemory ? null : DataDirectory.From(settings.DataDirectory);
        var store = data?.OpenOrCreate(settings.Durability);
        try
        {
            var engine = ServeEngine.Create(settings, store);
            try
            {
                if (store is not null)
                {
                    await RecoverAsync(engine).ConfigureAwait(false);
                }

                return await ServeAsync(engine, settings, data, signal).ConfigureAwait(false);
            }
            finally
            {
                // Stops the workers; what the runs wrote is flushed by the store's disposal below.
                engine.Dispose();
            }
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> ServeAsync(FlowEngine engine, ServeSettings settings, DataDirectory? data, ShutdownSignal signal)
    {
        var options = new FastFlowServerOptions
        {
            EndPoint = settings.EndPoint,
            Token = settings.Token,
            AllowUnauthenticated = settings.InsecureNoAuth,
            MaxConnections = settings.MaxConnections,
            RefusedActions = ServeEngine.RefusedActions(settings),
            Durability = DurabilityName(settings),
        };
        var verbose = Environment.GetEnvironmentVariable("FASTFLOW_DEBUG") == "1";
        var server = new FastFlowServer(engine, options, new StandardErrorLogger(verbose));
        await using (server.ConfigureAwait(false))
        {
            try
            {
                await server.StartAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SocketException exception)
            {
                throw CannotListen(settings.EndPoint, exception);
            }

            PrintReady(settings, server.LocalEndPoint, data);
            var received = await signal.Received.ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"fastflow serve: {received} received, stopping: no new connections or requests; active runs are checkpointed").ConfigureAwait(false);
            await server.StopAsync(s_stopGrace).ConfigureAwait(false);
        }

        var checkpointed = data is null ? 0 : await CheckpointActiveRunsAsync(engine).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(data is null
            ? $"fastflow serve: stopped; {Runs(engine.ActiveRunCount)} active in memory ended with it"
            : checkpointed == 0
                ? "fastflow serve: stopped; no run was active"
                : $"fastflow serve: stopped; active runs checkpointed in {data.Display} ({Runs(checkpointed)}): they go on when `fastflow serve{data.Option}` starts again").ConfigureAwait(false);
        return ExitCodes.Success;

    }

    /// <summary>What health reports as the durability.</summary>
    private static string DurabilityName(ServeSettings settings) =>
        settings.InMemory ? "none" : settings.Durability == StoreDurability.Immediate ? "immediate" : "batched";

    /// <summary>Brings back every run the last process left pending, running or paused.</summary>
    private static async Task RecoverAsync(FlowEngine engine)
    {
        var report = await engine.RecoverAsync().ConfigureAwait(false);
        var printer = DiagnosticPrinter.ForStandardError();
        foreach (var problem in report.Failed)
        {
            printer.WriteWarning($"run {problem.RunId} could not be recovered: {problem.Message}", "`fastflow verify` checks the data directory (with the server stopped)");
        }

        foreach (var problem in report.CorruptRecords)
        {
            printer.WriteWarning($"run {problem.RunId}: a damaged record ({problem.Where}): {problem.Message}", hint: null);
        }

        var recovered = report.Resumed.Count + report.Paused.Count;
        if (recovered > 0)
        {
            await Console.Out.WriteLineAsync(
                $"recovered {Runs(recovered)}: {report.Resumed.Count} running again, {report.Paused.Count} paused").ConfigureAwait(false);
        }
    }

    /// <summary>A checkpoint of each run still active, so that the next start goes on from it.</summary>
    private static async Task<int> CheckpointActiveRunsAsync(FlowEngine engine)
    {
        var count = 0;
        foreach (var run in engine.ActiveRuns)
        {
            try
            {
                await engine.CheckpointAsync(run.RunId).ConfigureAwait(false);
                count++;
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile: its end is in the store already.
            }
        }

        return count;
    }

    private static void PrintReady(ServeSettings settings, IPEndPoint listening, DataDirectory? data)
    {
        var stdout = Console.Out;
        if (settings.TokenGenerated)
        {
            stdout.WriteLine($"token: {settings.Token}");
            stdout.WriteLine($"  clients pass it with --token TOKEN or {Remote.RemoteOptions.TokenVariable}=TOKEN; it is shown only now (--token-file FILE keeps one across restarts)");
        }

        stdout.WriteLine($"fastflow serve listening on {Endpoint(listening)} ({(data is null ? "in memory" : "data: " + data.Display)})");
        stdout.Flush();
    }

    private static CommandFailedException CannotListen(IPEndPoint endPoint, SocketException exception) => exception.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => new CommandFailedException(
            $"port {endPoint.Port} is in use; pick another with --port",
            "another program (or another fastflow serve) listens there; --port 0 picks a free port and the ready line names it"),
        SocketError.AddressNotAvailable => new CommandFailedException(
            $"cannot listen on {Endpoint(endPoint)}: {endPoint.Address} is not an address of this machine",
            "give --bind an address of this machine (127.0.0.1 for this machine only, 0.0.0.0 for every interface)"),
        SocketError.AccessDenied => new CommandFailedException(
            $"cannot listen on {Endpoint(endPoint)}: permission denied",
            "ports below 1024 need privileges; pick another with --port"),
        _ => new CommandFailedException(
            $"cannot listen on {Endpoint(endPoint)}: {exception.Message}",
            "check --bind and --port"),
    };

    /// <summary><c>127.0.0.1:7400</c>, <c>[::1]:7400</c>.</summary>
    public static string Endpoint(IPEndPoint endPoint) => endPoint.ToString();

    private static string Runs(int count) => count == 1 ? "1 run" : $"{count} runs";
}
