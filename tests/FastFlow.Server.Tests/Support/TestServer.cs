using System.Net;

namespace FastFlow.Server.Tests.Support;

/// <summary>A real <see cref="FastFlowServer"/> on 127.0.0.1 (a free port) over a fresh in-memory
/// <see cref="FlowEngine"/>, with a token. Disposing it stops the server, then the engine.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    /// <summary>The token the test server requires.</summary>
    public const string Token = "test-token-0123456789";

    private TestServer(FastFlowServer server, FlowEngine engine, FastFlowServerOptions options)
    {
        Server = server;
        Engine = engine;
        Options = options;
    }

    /// <summary>The server.</summary>
    public FastFlowServer Server { get; }

    /// <summary>The engine behind it (owned by the test server).</summary>
    public FlowEngine Engine { get; }

    /// <summary>The options it runs with.</summary>
    public FastFlowServerOptions Options { get; }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint => Server.LocalEndPoint;

    /// <summary>The server's live counters.</summary>
    public ServerCounters Counters => Server.Counters;

    /// <summary>Starts a server. <paramref name="configure"/> adjusts the defaults (loopback port 0,
    /// <see cref="Token"/>); <paramref name="engineOptions"/> the engine's.</summary>
    public static async Task<TestServer> StartAsync(
        Func<FastFlowServerOptions, FastFlowServerOptions>? configure = null,
        FlowEngineOptions? engineOptions = null)
    {
        var options = new FastFlowServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Token = Token,
        };
        options = configure?.Invoke(options) ?? options;
        var engine = new FlowEngine(engineOptions ?? new FlowEngineOptions { WorkerCount = 2 });
        try
        {
            var server = new FastFlowServer(engine, options);
            await server.StartAsync();
            return new TestServer(server, engine, options);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a raw connection (no handshake yet).</summary>
    public Task<RawConnection> ConnectAsync() => RawConnection.ConnectAsync(EndPoint);

    /// <summary>Opens a raw connection and completes the handshake with <see cref="Token"/>.</summary>
    public async Task<RawConnection> ConnectAuthenticatedAsync()
    {
        var connection = await ConnectAsync();
        try
        {
            await connection.HandshakeAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes when the server has at most <paramref name="count"/> open connections
    /// (it is woken by each connection's end, not by polling); fails after <paramref name="timeout"/>
    /// (10 s by default) naming the count it still has.</summary>
    public async Task WaitForConnectionsAsync(int count, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (Volatile.Read(ref Counters.Connections) <= count)
            {
                reached.TrySetResult();
            }
        }

        Server.ConnectionClosed += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server still has {Volatile.Read(ref Counters.Connections)} open connections; expected at most {count}.");
        }
        finally
        {
            Server.ConnectionClosed -= Check;
        }
    }

    /// <summary>Stops the server, then disposes the engine.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Server.DisposeAsync();
        }
        finally
        {
            await Engine.DisposeAsync();
        }
    }
}
