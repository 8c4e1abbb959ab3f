using System.Diagnostics;
using CsCheck;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>Frames the reader cannot trust end the connection with an error frame (request id 0),
/// decided from the header alone.</summary>
public sealed class FramingTests
{
    [Fact]
    public async Task A_length_prefix_over_the_limit_is_refused_from_its_four_bytes()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        var clock = Stopwatch.StartNew();

        // 0x7FFFFFFF claimed, nothing sent after: the server must not wait for (or allocate) the rest.
        await client.SendRawAsync(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF });

        var error = await client.ExpectErrorAsync(ErrorCode.FrameTooLarge, requestId: 0, timeout: TimeSpan.FromSeconds(5));
        Assert.True(error.Fatal);
        Assert.Contains("2147483647", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.Options.MaxFrameBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
        // Well under the frame timeout (10 s): refused on arrival, not when the frame timed out.
        Assert.True(clock.Elapsed < server.Options.FrameTimeout / 2, $"The refusal took {clock.Elapsed}.");
    }

    [Fact]
    public async Task A_length_prefix_shorter_than_the_header_is_a_bad_frame()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendRawAsync(new byte[] { 0, 0, 0, 3, 1, 2, 0 });

        var error = await client.ExpectErrorAsync(ErrorCode.BadFrame, requestId: 0);
        Assert.Contains("length prefix", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_wrong_version_byte_is_refused_in_version_1_and_closes()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.Ping, 4, [], version: 2));

        // The reader decodes the reply as version 1: the error frame itself is in version 1.
        var error = await client.ExpectErrorAsync(ErrorCode.UnsupportedVersion, requestId: 0);
        Assert.Contains("version byte", error.Message, StringComparison.Ordinal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_wrong_version_byte_before_the_handshake_is_refused_too()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.Hello, 1, [0x80], version: 0));

        await client.ExpectErrorAsync(ErrorCode.UnsupportedVersion, requestId: 0);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task Unknown_flag_bits_are_a_bad_frame_and_close()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();

        await client.SendRawAsync(RawConnection.RawFrame((byte)MessageType.Ping, 4, [], flags: 0x80));

        var error = await client.ExpectErrorAsync(ErrorCode.BadFrame, requestId: 4);
        Assert.True(error.Fatal);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_hundred_pings_in_one_write_get_a_hundred_pongs_with_their_ids()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        var batch = Enumerable.Range(1, 100).SelectMany(id => RawConnection.Encode(PingMessage.Instance, (uint)id)).ToArray();

        await client.SendRawAsync(batch);

        for (var id = 1u; id <= 100; id++)
        {
            var reply = await client.ReadFrameAsync();
            Assert.IsType<PongMessage>(reply.Message);
            Assert.Equal(id, reply.RequestId);
        }
    }

    [Fact]
    public async Task A_frame_split_across_many_writes_is_put_back_together()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        var frame = RawConnection.Encode(PingMessage.Instance, 77);

        foreach (var b in frame)
        {
            await client.SendRawAsync(new[] { b });
        }

        var reply = await client.ReadFrameAsync();
        Assert.IsType<PongMessage>(reply.Message);
        Assert.Equal(77u, reply.RequestId);
    }

    [Fact]
    public async Task Pipelined_frames_cut_at_any_points_are_all_answered_in_order()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        var next = 1u;

        await Gen.Int[1, 20].Array[1, 12].SampleAsync(async cuts =>
        {
            var first = next;
            var batch = Enumerable.Range(0, 10).SelectMany(_ => RawConnection.Encode(PingMessage.Instance, next++)).ToArray();
            var offset = 0;
            foreach (var cut in cuts)
            {
                var length = Math.Min(cut, batch.Length - offset);
                await client.SendRawAsync(batch.AsMemory(offset, length));
                offset += length;
            }

            await client.SendRawAsync(batch.AsMemory(offset));
            for (var id = first; id < next; id++)
            {
                var reply = await client.ReadFrameAsync();
                Assert.IsType<PongMessage>(reply.Message);
                Assert.Equal(id, reply.RequestId);
            }
        }, iter: 100, threads: 1);
    }
}
