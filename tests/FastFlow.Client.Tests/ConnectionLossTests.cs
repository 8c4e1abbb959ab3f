using FastFlow.Client.Tests.Fakes;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests;

/// <summary>What a lost or closed connection does to pending calls, and reconnecting.</summary>
public sealed class ConnectionLossTests
{
    [Fact]
    public async Task A_lost_connection_fails_every_pending_call_and_the_next_call_reconnects()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var first = client.GetRunAsync("a");
        var second = client.WaitRunAsync("b");
        await connection.ReadAsync<GetRunMessage>();
        await connection.ReadAsync<WaitRunMessage>();
        connection.Abort();

        var errors = new[]
        {
            await Assert.ThrowsAsync<FastFlowConnectionException>(() => first),
            await Assert.ThrowsAsync<FastFlowConnectionException>(() => second),
        };
        Assert.All(errors, error => Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal));
        Assert.All(errors, error => Assert.Contains("lost", error.Message, StringComparison.Ordinal));
        Assert.NotSame(errors[0], errors[1]);

        var ping = client.PingAsync();
        var (again, hello) = await server.AcceptHandshakeAsync();
        Assert.Equal(FakeServer.Token, hello.Token);
        var (pingFrame, _) = await again.ReadAsync<PingMessage>();
        await again.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;
    }

    [Fact]
    public async Task Without_reconnect_the_next_call_fails_and_says_so()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(reconnect: false);
        await using var _ = client;

        var pending = client.GetRunAsync("a");
        await connection.ReadAsync<GetRunMessage>();
        connection.Abort();
        await Assert.ThrowsAsync<FastFlowConnectionException>(() => pending);

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => client.PingAsync());
        Assert.Contains("Reconnect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_on_request_zero_closes_the_connection_and_fails_every_call_with_the_servers_message()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(reconnect: false);
        await using var _ = client;

        var calls = new[] { client.GetRunAsync("a"), client.GetRunAsync("b") };
        await connection.ReadAsync<GetRunMessage>();
        await connection.ReadAsync<GetRunMessage>();
        await connection.SendErrorAsync(0, ErrorCode.ShuttingDown, "The server is stopping");

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => call);
            Assert.Equal(ErrorCode.ShuttingDown, error.Code);
            Assert.Contains("The server is stopping", error.Message, StringComparison.Ordinal);
        }

        Assert.True(await connection.ReadsEndAsync(), "the client closes its end");
    }

    [Fact]
    public async Task A_fatal_error_for_one_request_fails_every_pending_call()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(reconnect: false);
        await using var _ = client;

        var first = client.GetRunAsync("a");
        var second = client.GetRunAsync("b");
        var (frame, _) = await connection.ReadAsync<GetRunMessage>();
        await connection.ReadAsync<GetRunMessage>();
        await connection.SendErrorAsync(frame.RequestId, ErrorCode.BadFrame, "The flags byte is 0x04", fatal: true);

        Assert.Equal(ErrorCode.BadFrame, (await Assert.ThrowsAsync<FastFlowConnectionException>(() => first)).Code);
        Assert.Equal(ErrorCode.BadFrame, (await Assert.ThrowsAsync<FastFlowConnectionException>(() => second)).Code);
    }

    [Fact]
    public async Task The_server_closing_in_the_middle_of_a_frame_fails_pending_calls()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(reconnect: false);
        await using var _ = client;

        var call = client.GetRunAsync("a");
        var (frame, _) = await connection.ReadAsync<GetRunMessage>();
        var reply = connection.Encode(new RunStateMessage { RunId = "a" }, frame.RequestId);
        await connection.SendBytesAsync(reply.AsMemory(0, reply.Length / 2));
        await connection.DisposeAsync();

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => call);
        Assert.Contains("middle of a frame", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_client_fails_pending_calls_and_closes_the_socket()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();

        var call = client.WaitRunAsync("a");
        await connection.ReadAsync<WaitRunMessage>();
        await client.DisposeAsync();

        Assert.Contains("disposed", (await Assert.ThrowsAsync<FastFlowConnectionException>(() => call)).Message, StringComparison.Ordinal);
        Assert.True(await connection.ReadsEndAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.PingAsync());
    }

    [Fact]
    public async Task A_reply_in_another_protocol_version_ends_the_connection_naming_both_versions()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(reconnect: false);
        await using var _ = client;

        var call = client.PingAsync();
        var (frame, _) = await connection.ReadAsync<PingMessage>();
        var pong = connection.Encode(PongMessage.Instance, frame.RequestId);
        pong[4] = 2;
        await connection.SendBytesAsync(pong);

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() => call);
        Assert.Contains("protocol version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("speaks 1", error.Message, StringComparison.Ordinal);
    }
}
