using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>A whole frame with a bad payload gets an error frame with the request's id and the
/// connection stays usable (the frame was consumed whole).</summary>
public sealed class PayloadTests
{
    [Theory]
    [InlineData(new byte[] { 0xC1 })]                    // a byte MessagePack never uses
    [InlineData(new byte[] { 0x81, 0xA1, (byte)'x' })]   // a map cut off before its value
    [InlineData(new byte[] { 0x92, 0x01, 0x02 })]        // an array where the map belongs
    [InlineData(new byte[] { 0x80, 0x80 })]              // bytes after the payload's map
    public async Task Malformed_MessagePack_is_an_error_and_the_connection_stays_usable(byte[] payload)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.GetRun, 11, payload));

        var error = await client.ExpectErrorAsync(ErrorCode.MalformedPayload, requestId: 11);
        Assert.False(error.Fatal);
        Assert.Equal("protocol", error.Category);
        await client.PingAsync(12);
    }

    [Theory]
    [InlineData(0x7E)]
    [InlineData(0x03)]
    public async Task An_unknown_message_type_is_an_error_and_the_connection_stays_usable(byte type)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendRawAsync(RawConnection.RawFrame(type, 21, [0x80]));

        var error = await client.ExpectErrorAsync(ErrorCode.UnknownMessage, requestId: 21);
        Assert.False(error.Fatal);
        Assert.Contains($"0x{type:x2}", error.Message, StringComparison.Ordinal);
        await client.PingAsync(22);
    }

    [Theory]
    [InlineData(MessageType.Pong)]
    [InlineData(MessageType.Welcome)]
    [InlineData(MessageType.Error)]
    public async Task A_server_only_message_type_from_a_client_is_unknown_and_the_connection_stays_usable(MessageType type)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendRawAsync(RawConnection.RawFrame((byte)type, 31, [0x80]));

        var error = await client.ExpectErrorAsync(ErrorCode.UnknownMessage, requestId: 31);
        Assert.Contains("server only", error.Message, StringComparison.Ordinal);
        await client.PingAsync(32);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_too_deep_and_the_connection_stays_usable()
    {
        await using var server = await TestServer.StartAsync(options => options with { MaxDepth = 8 });
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.Ping, 41, NestedPayload(arrays: 8)));

        var error = await client.ExpectErrorAsync(ErrorCode.TooDeep, requestId: 41);
        Assert.False(error.Fatal);
        // One level less fits: the payload's map and seven arrays make eight levels.
        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.Ping, 42, NestedPayload(arrays: 7)));
        var pong = await client.ReadFrameAsync();
        Assert.IsType<PongMessage>(pong.Message);
        Assert.Equal(42u, pong.RequestId);
    }

    [Fact]
    public async Task A_compressed_payload_that_would_inflate_past_the_limit_is_refused_before_inflating()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        // The inflated size (u32, big-endian) claims 2 GiB; a few bytes of "LZ4 block" follow.
        byte[] payload = [0x7F, 0xFF, 0xFF, 0xFF, 0x10, 0x00, 0x00, 0x00];

        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.GetRun, 51, payload, flags: (byte)FrameFlags.Compressed));

        var error = await client.ExpectErrorAsync(ErrorCode.BadCompression, requestId: 51);
        Assert.False(error.Fatal);
        Assert.Contains("2147483647", error.Message, StringComparison.Ordinal);
        await client.PingAsync(52);
    }

    [Fact]
    public async Task A_compressed_payload_that_is_not_valid_LZ4_is_refused()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        byte[] payload = [0x00, 0x00, 0x00, 0x10, 0xFF, 0xFF, 0xFF, 0xFF];

        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.GetRun, 53, payload, flags: (byte)FrameFlags.Compressed));

        await client.ExpectErrorAsync(ErrorCode.BadCompression, requestId: 53);
        await client.PingAsync(54);
    }

    /// <summary>A map {"x": [[...[nil]...]]} with <paramref name="arrays"/> nested arrays.</summary>
    private static byte[] NestedPayload(int arrays)
    {
        var bytes = new List<byte> { 0x81, 0xA1, (byte)'x' };
        bytes.AddRange(Enumerable.Repeat((byte)0x91, arrays));
        bytes.Add(0xC0);
        return [.. bytes];
    }
}
