using System.Diagnostics;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>A client that trickles bytes is dropped after the frame timeout, while the others
/// are served normally meanwhile.</summary>
public sealed class SlowClientTests
{
    [Fact]
    public async Task A_client_sending_one_byte_at_a_time_is_dropped_while_another_is_served()
    {
        var frameTimeout = TimeSpan.FromSeconds(1);
        await using var server = await TestServer.StartAsync(options => options with { FrameTimeout = frameTimeout });
        await using var trickler = await server.ConnectAuthenticatedAsync();
        await using var normal = await server.ConnectAuthenticatedAsync();
        var frame = RawConnection.Encode(PingMessage.Instance, 99);
        var clock = Stopwatch.StartNew();

        var timedOut = trickler.ExpectErrorAsync(ErrorCode.Timeout, requestId: 0, timeout: TimeSpan.FromSeconds(10));
        // One byte every 200 ms: the 11-byte frame would take 2.2 s, past the 1 s frame timeout.
        // The trickler stops once the server's error has arrived; it must not get to the last byte.
        var trickling = Task.Run(async () =>
        {
            var sent = 0;
            try
            {
                while (sent < frame.Length && !timedOut.IsCompleted)
                {
                    await trickler.SendRawAsync(frame.AsMemory(sent, 1));
                    sent++;
                    await Task.Delay(200);
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // The server closed the connection.
            }

            return sent;
        });

        var pongs = 0;
        while (!timedOut.IsCompleted)
        {
            await normal.PingAsync((uint)(pongs + 1));
            pongs++;
        }

        var error = await timedOut;
        Assert.True(error.Fatal);
        Assert.Contains("incomplete", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= frameTimeout, $"Dropped after {clock.Elapsed}, before the frame timeout.");
        await trickler.ExpectClosedAsync();
        Assert.True(pongs > 10, $"The other client got only {pongs} pongs meanwhile.");
        Assert.True(await trickling < frame.Length, "The trickled frame was sent whole before the server dropped the client.");
        await normal.PingAsync(1000);
    }

    [Fact]
    public async Task A_client_that_pauses_between_whole_frames_is_not_dropped()
    {
        await using var server = await TestServer.StartAsync(options => options with { FrameTimeout = TimeSpan.FromMilliseconds(200) });
        await using var client = await server.ConnectAuthenticatedAsync();

        // Idle three frame timeouts with no frame started: nothing is overdue, nothing arrives.
        await Assert.ThrowsAsync<TimeoutException>(() => client.TryReadFrameAsync(TimeSpan.FromMilliseconds(600)));

        await client.PingAsync();
    }
}
