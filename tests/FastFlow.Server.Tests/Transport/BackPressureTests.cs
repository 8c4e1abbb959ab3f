using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>A client that sends without reading its replies is slowed down, not buffered without
/// bound: the server stops reading its socket once its pipes are at their thresholds, serves the
/// other clients meanwhile, and loses nothing when the client reads again.</summary>
public sealed class BackPressureTests
{
    private const int Threshold = 64 * 1024;

    [Fact]
    public async Task A_client_that_never_reads_is_paused_with_bounded_memory_and_others_are_served()
    {
        await using var server = await TestServer.StartAsync(options => options with
        {
            InputPauseBytes = Threshold,
            OutputPauseBytes = Threshold,
            MaxFrameBytes = Threshold,
            FrameTimeout = TimeSpan.FromMilliseconds(300),
        });
        // Small socket buffers on the client's side, so the kernel holds little of the backlog.
        await using var flooder = await RawConnection.ConnectAsync(server.EndPoint, socket =>
        {
            socket.ReceiveBufferSize = 8 * 1024;
            socket.SendBufferSize = 8 * 1024;
        });
        var welcome = await flooder.HandshakeAsync();
        var connection = server.Server.FindConnection(welcome.ConnectionId);
        Assert.NotNull(connection);
        await using var other = await server.ConnectAuthenticatedAsync();

        const int pingsPerChunk = 1000;
        var paused = connection.FirstInputPause;
        var flooding = Task.Run(async () =>
        {
            var next = 1u;
            // Bounded: 40,000 chunks (440 MB) would mean the server never pushed back.
            for (var chunk = 0; chunk < 40_000 && !paused.IsCompleted; chunk++)
            {
                var bytes = new byte[pingsPerChunk * 11];
                for (var i = 0; i < pingsPerChunk; i++)
                {
                    RawConnection.Encode(PingMessage.Instance, next++).CopyTo(bytes, i * 11);
                }

                await flooder.SendRawAsync(bytes);
            }

            return next - 1;
        });

        await Task.WhenAny(paused, flooding).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(paused.IsCompleted, "The server never stopped reading a client that does not read.");

        // Paused: what the server holds for this client is bounded by its thresholds.
        Assert.InRange(connection.BufferedInputBytes, 0, Threshold + 4 + Threshold + 11 + 64 * 1024);
        Assert.InRange(connection.BufferedOutputBytes, 0, Threshold + 1024);
        await other.PingAsync(1);
        await other.PingAsync(2);
        // Paused for three frame timeouts: a client held back by the server is not a slow client,
        // so it is not dropped (a timeout error among the pongs below would fail the test).
        await Task.Delay(900);

        // The flooder reads again: every ping gets its pong, in order.
        var expected = 1u;
        while (!flooding.IsCompleted || expected <= await flooding)
        {
            var reply = await flooder.ReadFrameAsync();
            Assert.IsType<PongMessage>(reply.Message);
            Assert.Equal(expected, reply.RequestId);
            expected++;
        }

        Assert.Equal(await flooding + 1, expected);
        await flooder.PingAsync(uint.MaxValue);
    }

    [Fact]
    public async Task A_reply_larger_than_the_output_threshold_still_goes_out()
    {
        await using var server = await TestServer.StartAsync(options => options with { OutputPauseBytes = 1024 });
        await using var client = await server.ConnectAuthenticatedAsync();
        var source = "id: wide\ntasks:\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"  task_{i:000}: {{ action: noop }}\n"));

        await client.SendAsync(new SubmitRunMessage { Source = source, Wait = true }, 3);

        var reply = await client.ReadFrameAsync();
        var state = Assert.IsType<RunStateMessage>(reply.Message);
        Assert.Equal(200, state.Tasks.Count);
        Assert.True(reply.Header.Length > 1024, $"The reply is only {reply.Header.Length} bytes.");
    }
}
