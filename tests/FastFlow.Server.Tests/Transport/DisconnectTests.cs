using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>A client that goes away mid-frame or mid-request leaves nothing behind: the
/// connection is counted out and its waits and subscriptions end.</summary>
public sealed class DisconnectTests
{
    [Fact]
    public async Task A_client_that_disconnects_mid_frame_is_counted_out()
    {
        await using var server = await TestServer.StartAsync();
        var before = Volatile.Read(ref server.Counters.Connections);
        var client = await server.ConnectAuthenticatedAsync();
        Assert.Equal(before + 1, Volatile.Read(ref server.Counters.Connections));
        var frame = RawConnection.Encode(new GetRunMessage { RunId = "some-run" }, 5);

        await client.SendRawAsync(frame.AsMemory(0, frame.Length / 2));
        await client.DisposeAsync();

        await server.WaitForConnectionsAsync(before);
        await using var next = await server.ConnectAuthenticatedAsync();
        await next.PingAsync();
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_request_is_counted_out_and_its_wait_ends()
    {
        await using var server = await TestServer.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Engine.RegisterHandler("hold", _ =>
        {
            started.TrySetResult();
            return release.Task;
        });
        var before = Volatile.Read(ref server.Counters.Connections);
        var client = await server.ConnectAuthenticatedAsync();
        try
        {
            await client.SendAsync(new SubmitRunMessage { Source = "id: held\ntasks:\n  a: { handler: hold }\n", RunId = "r1", Wait = true }, 8);
            await client.SendAsync(new SubscribeMessage { RunId = null, Buffer = 16 }, 9);
            var subscribed = await client.ReadFrameAsync();
            Assert.IsType<SubscribedMessage>(subscribed.Message);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(1, Volatile.Read(ref server.Counters.Subscriptions));

            await client.DisposeAsync();

            await server.WaitForConnectionsAsync(before);
            // The connection's Closed token reached the dispatcher: its subscription ended.
            await Eventually.WaitUntilAsync(() => Volatile.Read(ref server.Counters.Subscriptions) == 0, "the subscription to end");
        }
        finally
        {
            release.TrySetResult("done");
        }
    }

    [Fact]
    public async Task A_client_that_sends_many_requests_and_leaves_without_reading_is_counted_out()
    {
        await using var server = await TestServer.StartAsync();
        var before = Volatile.Read(ref server.Counters.Connections);
        var client = await server.ConnectAuthenticatedAsync();
        var batch = Enumerable.Range(1, 5000).SelectMany(id => RawConnection.Encode(PingMessage.Instance, (uint)id)).ToArray();

        await client.SendRawAsync(batch);
        await client.DisposeAsync();

        await server.WaitForConnectionsAsync(before);
        await using var next = await server.ConnectAuthenticatedAsync();
        await next.PingAsync();
    }
}
