using System.Net;
using System.Net.Sockets;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests.Fakes;

/// <summary>A scripted stand-in for the server on 127.0.0.1:0: it speaks the protocol through the
/// Protocol library's codecs over real sockets, and the test decides every reply.</summary>
public sealed class FakeServer : IAsyncDisposable
{
    public const string Token = "s3cret";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<FakeConnection> _connections = [];

    public FakeServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public FastFlowClientOptions Options(bool reconnect = true) =>
        new() { Host = "127.0.0.1", Port = Port, Token = Token, Reconnect = reconnect, ConnectTimeout = TimeSpan.FromSeconds(10) };

    /// <summary>Accepts the next connection, without a handshake.</summary>
    public async Task<FakeConnection> AcceptAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var socket = await _listener.AcceptSocketAsync(limit.Token);
        var connection = new FakeConnection(socket);
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    /// <summary>Accepts the next connection and answers its hello with welcome.</summary>
    public async Task<(FakeConnection Connection, HelloMessage Hello)> AcceptHandshakeAsync(int maxFrame = 4 * 1024 * 1024)
    {
        var connection = await AcceptAsync();
        var (frame, hello) = await connection.ReadAsync<HelloMessage>();
        await connection.SendAsync(Welcome(maxFrame), frame.RequestId);
        return (connection, hello);
    }

    /// <summary>Connects a client and completes the handshake on this side.</summary>
    public async Task<(FastFlowClient Client, FakeConnection Connection)> ConnectAsync(bool reconnect = true, int maxFrame = 4 * 1024 * 1024)
    {
        var connecting = FastFlowClient.ConnectAsync(Options(reconnect));
        var (connection, _) = await AcceptHandshakeAsync(maxFrame);
        return (await connecting, connection);
    }

    public static WelcomeMessage Welcome(int maxFrame = 4 * 1024 * 1024) => new()
    {
        Protocol = 1,
        Server = "fake/1.0",
        ConnectionId = "c-1",
        MaxFrame = maxFrame,
        MaxDepth = 32,
    };

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        FakeConnection[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }
}
