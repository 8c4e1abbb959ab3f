using CsCheck;
using FastFlow.Protocol;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>Whatever bytes follow a valid handshake, the server answers only with well-formed
/// frames, closes or keeps the connection, and goes on serving everyone else.</summary>
public sealed class RandomBytesTests
{
    /// <summary>Any bytes.</summary>
    private static readonly Gen<byte[]> s_rawBytes = Gen.Byte.Array[1, 48];

    /// <summary>A frame with a right length and version but any type, flags and payload, so the
    /// bytes get past the framing into the payload decoders.</summary>
    private static readonly Gen<byte[]> s_frames = Gen.Select(Gen.Byte, Gen.Byte[0, 3], Gen.Byte.Array[0, 40],
        (type, flags, payload) => RawConnection.RawFrame(type, 1, payload, flags: flags));

    private static readonly Gen<byte[]> s_inputs = Gen.OneOf(
        s_rawBytes,
        s_frames,
        Gen.Select(s_frames, s_frames, s_rawBytes, (a, b, c) => a.Concat(b).Concat(c).ToArray()));

    [Fact]
    public async Task Random_bytes_after_the_handshake_never_break_the_server()
    {
        await using var server = await TestServer.StartAsync(options => options with { MaxDepth = 8 });

        await s_inputs.SampleAsync(async bytes =>
        {
            await using var client = await server.ConnectAuthenticatedAsync();
            await client.SendRawAsync(bytes);
            client.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            // Every frame that comes back decodes (ReadFrameAsync fails otherwise) until the
            // server closes: after a fatal error, or at our end of stream.
            while (await client.TryReadFrameAsync(TimeSpan.FromSeconds(5)) is { } frame)
            {
                if (frame.Message is FastFlow.Protocol.Messages.ErrorMessage error)
                {
                    Assert.NotEqual("unknown", error.Name);
                    Assert.Equal(ErrorCodes.Category((ErrorCode)error.Code), error.Category);
                    Assert.False(string.IsNullOrWhiteSpace(error.Message));
                }
            }
        }, iter: 200, threads: 1);

        await using var fresh = await server.ConnectAuthenticatedAsync();
        await fresh.PingAsync();
        await server.WaitForConnectionsAsync(1);
    }

    [Fact]
    public async Task Random_bytes_instead_of_a_hello_never_let_a_client_in_nor_break_the_server()
    {
        await using var server = await TestServer.StartAsync();

        await s_inputs.SampleAsync(async bytes =>
        {
            await using var client = await server.ConnectAsync();
            await client.SendRawAsync(bytes);
            client.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            // Nothing but a hello with the token is welcomed: the only frame back, if any, is a
            // fatal error, and the connection closes.
            if (await client.TryReadFrameAsync(TimeSpan.FromSeconds(5)) is { } frame)
            {
                Assert.True(frame.Error.Fatal, $"{frame.Error.Name} is not fatal before the handshake.");
                await client.ExpectClosedAsync(TimeSpan.FromSeconds(5));
            }
        }, iter: 200, threads: 1);

        await using var fresh = await server.ConnectAuthenticatedAsync();
        await fresh.PingAsync();
    }
}
