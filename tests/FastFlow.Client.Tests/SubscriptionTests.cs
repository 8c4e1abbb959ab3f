using CsCheck;
using FastFlow.Client.Tests.Fakes;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests;

/// <summary>Pushed events routed to their subscription, and every way a subscription ends.</summary>
public sealed class SubscriptionTests
{
    private static EventMessage Event(uint subscription, string type, string? taskId = null) =>
        new() { Subscription = subscription, EventType = type, RunId = "r1", WorkflowId = "wf", TaskId = taskId };

    private static async Task<(EventSubscription Subscription, uint Id)> SubscribeAsync(FastFlowClient client, FakeConnection connection, string? runId, int buffer = 0)
    {
        var subscribing = client.SubscribeAsync(runId, buffer);
        var (frame, request) = await connection.ReadAsync<SubscribeMessage>();
        Assert.Equal(runId, request.RunId);
        Assert.Equal(buffer, request.Buffer);
        await connection.SendAsync(new SubscribedMessage { Subscription = frame.RequestId }, frame.RequestId);
        var subscription = await subscribing;
        Assert.Equal(frame.RequestId, subscription.Id);
        return (subscription, frame.RequestId);
    }

    [Fact]
    public async Task Pushed_events_reach_their_own_subscription_in_order_and_subscription_ended_ends_it()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var (one, oneId) = await SubscribeAsync(client, connection, "r1");
        var (all, allId) = await SubscribeAsync(client, connection, null);
        string[] types = ["workflow.started", "task.started", "task.completed", "workflow.completed"];
        foreach (var type in types)
        {
            await connection.SendAsync(Event(oneId, type), oneId, FrameFlags.Push);
            await connection.SendAsync(Event(allId, type + ".all"), allId, FrameFlags.Push);
        }

        await connection.SendAsync(new SubscriptionEndedMessage { Subscription = oneId, Reason = "run_ended", Message = "r1 completed." }, oneId, FrameFlags.Push);

        var received = new List<string>();
        await foreach (var item in one.ReadAllAsync())
        {
            received.Add(item.EventType);
        }

        Assert.Equal(types, received);
        Assert.Equal("run_ended", one.Ended?.Reason);

        // The other subscription got its own events and is still open.
        Assert.Null(all.Ended);
        var fromAll = new List<string>();
        await foreach (var item in all.ReadAllAsync())
        {
            fromAll.Add(item.EventType);
            if (fromAll.Count == types.Length)
            {
                break;
            }
        }

        Assert.Equal(types.Select(t => t + ".all"), fromAll);
    }

    [Fact]
    public async Task A_reader_that_falls_a_whole_buffer_behind_is_dropped_as_too_slow_without_stalling_other_calls()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var (subscription, id) = await SubscribeAsync(client, connection, "r1", buffer: 2);
        for (var i = 0; i < 5; i++)
        {
            await connection.SendAsync(Event(id, $"task.started", $"t{i}"), id, FrameFlags.Push);
        }

        // The client tells the server to stop it...
        var (unsubscribeFrame, unsubscribe) = await connection.ReadAsync<UnsubscribeMessage>();
        Assert.Equal(id, unsubscribe.Subscription);
        await connection.SendAsync(OkMessage.Instance, unsubscribeFrame.RequestId);

        // ...and the connection serves other calls meanwhile.
        var ping = client.PingAsync();
        var (pingFrame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;

        var tasks = new List<string?>();
        await foreach (var item in subscription.ReadAllAsync())
        {
            tasks.Add(item.TaskId);
        }

        Assert.Equal(["t0", "t1"], tasks);
        Assert.Equal("too_slow", subscription.Ended?.Reason);
        Assert.Contains("larger buffer", subscription.Ended?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_connection_ends_subscriptions_with_a_connection_exception_after_the_buffered_events()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(reconnect: false);
        await using var _ = client;

        var (subscription, id) = await SubscribeAsync(client, connection, "r1");
        await connection.SendAsync(Event(id, "workflow.started"), id, FrameFlags.Push);
        var ping = client.PingAsync();
        await connection.ReadAsync<PingMessage>();
        await connection.DisposeAsync();
        await Assert.ThrowsAsync<FastFlowConnectionException>(() => ping);

        var received = new List<string>();
        await Assert.ThrowsAsync<FastFlowConnectionException>(async () =>
        {
            await foreach (var item in subscription.ReadAllAsync())
            {
                received.Add(item.EventType);
            }
        });
        Assert.Equal(["workflow.started"], received);
        Assert.Null(subscription.Ended);
    }

    [Fact]
    public async Task Disposing_a_subscription_unsubscribes_and_ends_the_enumeration()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var (subscription, id) = await SubscribeAsync(client, connection, null);
        var reading = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var item in subscription.ReadAllAsync())
            {
                count++;
            }

            return count;
        });

        var disposing = subscription.DisposeAsync().AsTask();
        var (frame, unsubscribe) = await connection.ReadAsync<UnsubscribeMessage>();
        Assert.Equal(id, unsubscribe.Subscription);
        await connection.SendAsync(OkMessage.Instance, frame.RequestId);
        await connection.SendAsync(new SubscriptionEndedMessage { Subscription = id, Reason = "unsubscribed", Message = "stopped" }, id, FrameFlags.Push);
        await disposing;

        Assert.Equal(0, await reading);
        Assert.Equal("unsubscribed", subscription.Ended?.Reason);
    }

    [Fact]
    public async Task A_refused_subscribe_throws_the_servers_error()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var subscribing = client.SubscribeAsync("nope");
        var (frame, _) = await connection.ReadAsync<SubscribeMessage>();
        await connection.SendErrorAsync(frame.RequestId, ErrorCode.NotFound, "No run has id 'nope'");

        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<FastFlowServerException>(() => subscribing)).Code);
    }

    [Fact]
    public async Task Interleaved_pushes_of_several_subscriptions_each_arrive_whole_and_in_order()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var schedules = Gen.Int[1, 4].SelectMany(count => Gen.Int[0, count - 1].Array[0, 60].Select(order => (count, order)));
        await schedules.SampleAsync(async schedule =>
        {
            var (count, order) = schedule;
            var open = new List<(EventSubscription Subscription, uint Id)>();
            for (var i = 0; i < count; i++)
            {
                open.Add(await SubscribeAsync(client, connection, $"r{i}"));
            }

            var sent = new int[count];
            foreach (var index in order)
            {
                var (_, id) = open[index];
                await connection.SendAsync(Event(id, "task.completed", $"t{sent[index]++}"), id, FrameFlags.Push);
            }

            foreach (var (_, id) in open)
            {
                await connection.SendAsync(new SubscriptionEndedMessage { Subscription = id, Reason = "run_ended", Message = "done" }, id, FrameFlags.Push);
            }

            for (var i = 0; i < count; i++)
            {
                var received = new List<string?>();
                await foreach (var item in open[i].Subscription.ReadAllAsync())
                {
                    received.Add(item.TaskId);
                }

                Assert.Equal(Enumerable.Range(0, sent[i]).Select(n => $"t{n}"), received);
                Assert.Equal("run_ended", open[i].Subscription.Ended?.Reason);
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task A_subscribe_abandoned_before_its_reply_is_unsubscribed_on_the_server()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        using var cancel = new CancellationTokenSource();
        var subscribing = client.SubscribeAsync("r1", cancellationToken: cancel.Token);
        var (frame, _) = await connection.ReadAsync<SubscribeMessage>();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subscribing);

        var (unsubscribeFrame, unsubscribe) = await connection.ReadAsync<UnsubscribeMessage>();
        Assert.Equal(frame.RequestId, unsubscribe.Subscription);
        await connection.SendAsync(new SubscribedMessage { Subscription = frame.RequestId }, frame.RequestId);
        await connection.SendAsync(Event(frame.RequestId, "task.started"), frame.RequestId, FrameFlags.Push);
        await connection.SendAsync(OkMessage.Instance, unsubscribeFrame.RequestId);

        var ping = client.PingAsync();
        var (pingFrame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;
    }
}
