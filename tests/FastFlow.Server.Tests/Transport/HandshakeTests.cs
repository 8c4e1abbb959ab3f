using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>The handshake: only a hello with protocol 1 and the right token lets a client in.</summary>
public sealed class HandshakeTests
{
    [Fact]
    public async Task A_hello_with_the_token_is_welcomed_and_pings_are_answered()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        var welcome = await client.HandshakeAsync();

        Assert.Equal(1, welcome.Protocol);
        Assert.Equal(server.Options.MaxFrameBytes, welcome.MaxFrame);
        Assert.Equal(server.Options.MaxDepth, welcome.MaxDepth);
        Assert.Equal(server.Options.ServerName, welcome.Server);
        Assert.NotNull(server.Server.FindConnection(welcome.ConnectionId));
        await client.PingAsync(42);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_connection_closed()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(new HelloMessage { Protocol = 1, Token = "not-the-token" }, 5);

        var error = await client.ExpectErrorAsync(ErrorCode.BadToken, requestId: 5);
        Assert.True(error.Fatal);
        Assert.Equal("auth", error.Category);
        Assert.Contains("token", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_missing_token_is_refused()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(new HelloMessage { Protocol = 1, Token = null }, 1);

        var error = await client.ExpectErrorAsync(ErrorCode.BadToken);
        Assert.Contains("no token", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task Without_authentication_any_token_is_welcomed()
    {
        await using var server = await TestServer.StartAsync(options => options with { Token = null, AllowUnauthenticated = true });
        await using var client = await server.ConnectAsync();

        await client.HandshakeAsync(token: null);
        await client.PingAsync();
    }

    [Fact]
    public async Task A_hello_for_another_protocol_version_is_refused()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(new HelloMessage { Protocol = 2, Token = TestServer.Token }, 1);

        var error = await client.ExpectErrorAsync(ErrorCode.UnsupportedVersion);
        Assert.Contains("protocol 2", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_request_before_the_hello_is_refused_and_not_dispatched()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(PingMessage.Instance, 9);

        var error = await client.ExpectErrorAsync(ErrorCode.NotAuthenticated, requestId: 9);
        Assert.True(error.Fatal);
        Assert.Contains("hello", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_frame_over_16_KiB_before_the_handshake_is_refused_even_when_it_is_a_hello()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        // A hello whose length prefix is one byte over the 16 KiB handshake limit.
        var frame = RawConnection.RawFrame((byte)MessageType.Hello, 1, new byte[16 * 1024 + 1 - FrameHeader.CountedSize]);

        await client.SendRawAsync(frame);

        var error = await client.ExpectErrorAsync(ErrorCode.FrameTooLarge, requestId: 0);
        Assert.Contains("16384", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_second_hello_is_an_invalid_request_and_the_connection_stays_usable()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendAsync(new HelloMessage { Protocol = 1, Token = TestServer.Token }, 3);

        var error = await client.ExpectErrorAsync(ErrorCode.InvalidRequest, requestId: 3);
        Assert.False(error.Fatal);
        await client.PingAsync();
    }

    [Fact]
    public async Task A_client_that_never_says_hello_is_dropped_after_the_handshake_timeout()
    {
        await using var server = await TestServer.StartAsync(options => options with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var client = await server.ConnectAsync();

        var error = await client.ExpectErrorAsync(ErrorCode.Timeout, requestId: 0);

        Assert.Contains("handshake", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }
}
