using System.Net;
using System.Net.Sockets;
using System.Text;
using FastFlow.Client.Tests.Fakes;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests;

/// <summary>Connecting: hello with the token, welcome back, and every way it can fail.</summary>
public sealed class HandshakeTests
{
    [Fact]
    public async Task Hello_carries_the_protocol_token_and_client_name_and_welcome_is_exposed()
    {
        await using var server = new FakeServer();
        var connecting = FastFlowClient.ConnectAsync(server.Options() with { ClientName = "tests" });
        var (connection, hello) = await server.AcceptHandshakeAsync();
        await using var client = await connecting;

        Assert.Equal(1, hello.Protocol);
        Assert.Equal(FakeServer.Token, hello.Token);
        Assert.Equal("tests", hello.Client);
        Assert.Equal("fake/1.0", client.Welcome.Server);
        Assert.Equal("c-1", client.Welcome.ConnectionId);
        GC.KeepAlive(connection);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_token_fails_connecting_with_code_bad_token_and_says_how_to_pass_one(bool onRequestZero)
    {
        await using var server = new FakeServer();
        var connecting = FastFlowClient.ConnectAsync(server.Options() with { Token = "wrong" });
        var connection = await server.AcceptAsync();
        var (frame, _) = await connection.ReadAsync<HelloMessage>();
        await connection.SendErrorAsync(onRequestZero ? 0 : frame.RequestId, ErrorCode.BadToken, "The token does not match the server's");

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => connecting);
        Assert.Equal(ErrorCode.BadToken, error.Code);
        Assert.Contains("The token does not match the server's", error.Message, StringComparison.Ordinal);
        Assert.Contains("--token", error.Message, StringComparison.Ordinal);
        Assert.Contains("FASTFLOW_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.True(await connection.ReadsEndAsync(), "the client closes a connection the server refused");
    }

    [Fact]
    public async Task Nothing_listening_fails_with_a_connection_exception_naming_the_address()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() =>
            FastFlowClient.ConnectAsync(new FastFlowClientOptions { Host = "127.0.0.1", Port = port }));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Code);
    }

    [Fact]
    public async Task A_server_that_never_answers_the_handshake_fails_after_the_connect_timeout()
    {
        await using var server = new FakeServer();
        var connecting = FastFlowClient.ConnectAsync(server.Options() with { ConnectTimeout = TimeSpan.FromSeconds(1) });
        var connection = await server.AcceptAsync();
        await connection.ReadAsync<HelloMessage>();

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => connecting);
        Assert.Contains("handshake", error.Message, StringComparison.Ordinal);
        Assert.True(await connection.ReadsEndAsync());
    }

    [Fact]
    public async Task A_server_that_is_not_fastflow_fails_with_a_clear_message()
    {
        await using var server = new FakeServer();
        var connecting = FastFlowClient.ConnectAsync(server.Options());
        var connection = await server.AcceptAsync();
        await connection.ReadFrameAsync();
        await connection.SendBytesAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\n\r\n"));

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => connecting);
        Assert.Contains("Is it a FastFlow server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_connect_throws_operation_cancelled()
    {
        await using var server = new FakeServer();
        using var cancel = new CancellationTokenSource();
        var connecting = FastFlowClient.ConnectAsync(server.Options(), cancel.Token);
        var connection = await server.AcceptAsync();
        await connection.ReadAsync<HelloMessage>();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
    }

    [Fact]
    public async Task A_host_name_is_resolved_and_each_of_its_addresses_tried()
    {
        await using var server = new FakeServer();
        var connecting = FastFlowClient.ConnectAsync(server.Options() with { Host = "localhost" });
        var (connection, _) = await server.AcceptHandshakeAsync();
        await using var client = await connecting;

        var ping = client.PingAsync();
        var (frame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, frame.RequestId);
        await ping;
    }

    [Fact]
    public async Task Before_the_welcome_a_frame_over_16_KiB_ends_the_connection_and_after_it_large_replies_are_read()
    {
        await using var server = new FakeServer();
        var oversized = new WelcomeMessage { Protocol = 1, Server = new string('x', 20 * 1024), ConnectionId = "c", MaxFrame = 4 << 20, MaxDepth = 32 };

        var refused = FastFlowClient.ConnectAsync(server.Options());
        var first = await server.AcceptAsync();
        var (hello, _) = await first.ReadAsync<HelloMessage>();
        await first.SendAsync(oversized, hello.RequestId);
        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => refused);
        Assert.Contains("16384", error.Message, StringComparison.Ordinal);

        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;
        var health = client.GetHealthAsync();
        var (frame, _) = await connection.ReadAsync<HealthMessage>();
        await connection.SendAsync(new HealthReportMessage { Status = "ok", Server = new string('x', 100 * 1024) }, frame.RequestId);
        Assert.Equal(100 * 1024, (await health).Server.Length);
    }
}
