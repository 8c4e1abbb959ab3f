using System.Net;
using FastFlow.Server;

namespace FastFlow.Client.Tests.EndToEnd;

/// <summary>A real <see cref="FastFlowServer"/> on 127.0.0.1:0 over a fresh in-memory engine, with
/// a token; disposing it stops the server, then the engine.</summary>
public sealed class RealServer : IAsyncDisposable
{
    public const string Token = "client-tests-token";

    private readonly FlowEngine _engine;
    private readonly FastFlowServer _server;

    private RealServer(FlowEngine engine, FastFlowServer server)
    {
        _engine = engine;
        _server = server;
    }

    /// <summary>Starts a server on <paramref name="port"/> (0: a free one); <paramref name="durable"/>
    /// gives the engine an in-memory store, so runs have a history.</summary>
    public static async Task<RealServer> StartAsync(bool durable = false, int port = 0)
    {
        var options = new FlowEngineOptions { WorkerCount = 2 };
        if (durable)
        {
            options.Store = new FastFlow.Storage.Stores.InMemoryStateStore();
        }

        var engine = new FlowEngine(options);
        try
        {
            var server = new FastFlowServer(engine, new FastFlowServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port), Token = Token });
            await server.StartAsync();
            return new RealServer(engine, server);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    public int Port => _server.LocalEndPoint.Port;

    public FastFlowClientOptions Options => new() { Host = "127.0.0.1", Port = _server.LocalEndPoint.Port, Token = Token };

    public Task<FastFlowClient> ConnectAsync() => FastFlowClient.ConnectAsync(Options);

    /// <summary>Stops the server (its clients see the connection end); the engine lives on until dispose.</summary>
    public Task StopAsync() => _server.StopAsync(TimeSpan.FromSeconds(2));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.DisposeAsync();
        }
        finally
        {
            await _engine.DisposeAsync();
        }
    }
}
