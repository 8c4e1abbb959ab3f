using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Tests.Operations;

/// <summary>subscribe and unsubscribe: events pushed in order under the subscription's id, the
/// end of a one-run subscription after the run's final event, every run's events, a subscriber
/// that stops reading dropped as too slow while the engine goes on, and nothing kept once the
/// connection closes.</summary>
public sealed class SubscriptionTests
{
    private const string Chain = "id: chain\ntasks:\n  a: { action: noop }\n  b: { action: noop, dependencies: [a] }\n  c: { action: noop, dependencies: [b] }\n";

    [Fact]
    public async Task A_run_subscription_pushes_its_events_in_order_and_ends_after_the_final_one()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync(Chain);
        await harness.ExpectAsync<RunStateMessage>(new CreateRunMessage { WorkflowId = "chain", RunId = "r" });

        var subscribed = await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage { RunId = "r" });
        var id = (uint)subscribed.Subscription;
        Assert.Equal(1, Volatile.Read(ref harness.Counters.Subscriptions));
        await harness.ExpectAsync<RunStateMessage>(new StartRunMessage { RunId = "r" });
        var end = await harness.Channel.WaitForAsync(f => f.RequestId == id && f.Message is SubscriptionEndedMessage, "the subscription's end");

        var pushed = harness.Channel.Frames.Where(f => f.RequestId == id && f.IsPush).Select(static f => f.Message).ToList();
        Assert.IsType<SubscriptionEndedMessage>(pushed[^1]);
        var events = pushed.OfType<EventMessage>().ToList();
        Assert.Equal(pushed.Count - 1, events.Count);
        Assert.All(events, e => Assert.Equal(subscribed.Subscription, e.Subscription));
        Assert.All(events, static e => Assert.Equal("r", e.RunId));
        Assert.Equal(
            ["workflow.started", "task.started", "task.completed", "task.started", "task.completed", "task.started", "task.completed", "workflow.completed"],
            events.Select(static e => e.EventType));
        Assert.Equal(["a", "a", "b", "b", "c", "c"], events.Where(static e => e.TaskId is not null).Select(static e => e.TaskId!));
        Assert.Equal("completed", events[^1].RunStatus);
        var ended = Assert.IsType<SubscriptionEndedMessage>(end.Message);
        Assert.Equal("run_ended", ended.Reason);
        // Counted down before the end is pushed.
        Assert.Equal(0, Volatile.Read(ref harness.Counters.Subscriptions));
    }

    [Fact]
    public async Task Subscribing_to_a_run_that_has_ended_gives_its_final_event_then_the_end()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync(Chain);
        await harness.SubmitAsync("chain", wait: true, runId: "done");

        var subscribed = await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage { RunId = "done" });
        var id = (uint)subscribed.Subscription;
        await harness.Channel.WaitForAsync(f => f.RequestId == id && f.Message is SubscriptionEndedMessage, "the subscription's end");

        var pushed = harness.Channel.Frames.Where(f => f.RequestId == id && f.IsPush).Select(static f => f.Message).ToList();
        Assert.Equal(2, pushed.Count);
        var final = Assert.IsType<EventMessage>(pushed[0]);
        Assert.Equal("workflow.completed", final.EventType);
        Assert.Equal("completed", final.RunStatus);
        Assert.Equal("run_ended", Assert.IsType<SubscriptionEndedMessage>(pushed[1]).Reason);
    }

    [Fact]
    public async Task A_stored_run_that_ended_before_the_subscription_gives_its_final_event_then_the_end()
    {
        await using var harness = DispatcherHarness.Create(durable: true, engine: o => o.RetainFinishedRuns = 0);
        await harness.RegisterAsync("id: failing\ntasks:\n  a: { action: fail, parameters: { message: no } }\n");
        await harness.SubmitAsync("failing", wait: true, runId: "gone");
        Assert.False(harness.Engine.TryGetRun("gone", out _));

        var subscribed = await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage { RunId = "gone" });
        var id = (uint)subscribed.Subscription;
        await harness.Channel.WaitForAsync(f => f.RequestId == id && f.Message is SubscriptionEndedMessage, "the subscription's end");

        var final = Assert.IsType<EventMessage>(harness.Channel.Frames.First(f => f.RequestId == id && f.IsPush).Message);
        Assert.Equal("workflow.failed", final.EventType);
        Assert.NotNull(final.Error);
    }

    [Fact]
    public async Task A_subscription_to_every_run_sees_each_run_and_ends_on_unsubscribe_after_the_ok()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync(Chain);
        var subscribed = await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage());
        var id = (uint)subscribed.Subscription;

        await harness.SubmitAsync("chain", wait: true, runId: "x");
        await harness.SubmitAsync("chain", wait: true, runId: "y");
        await harness.Channel.WaitForAsync(f => f.Message is EventMessage { RunId: "y", EventType: "workflow.completed" }, "y's end");
        var unsubscribeId = harness.Send(new UnsubscribeMessage { Subscription = subscribed.Subscription });
        await harness.Channel.WaitForAsync(f => f.RequestId == id && f.Message is SubscriptionEndedMessage, "the subscription's end");

        var frames = harness.Channel.Frames;
        var completed = frames.Where(f => f.RequestId == id).Select(static f => f.Message).OfType<EventMessage>()
            .Where(static e => e.EventType == "workflow.completed").Select(static e => e.RunId);
        Assert.Equal(["x", "y"], completed);
        var ok = frames.FindIndex(f => f.RequestId == unsubscribeId);
        var end = frames.FindIndex(f => f.RequestId == id && f.Message is SubscriptionEndedMessage);
        Assert.IsType<OkMessage>(frames[ok].Message);
        Assert.True(ok < end, "subscription_ended came before the ok");
        Assert.Equal("unsubscribed", ((SubscriptionEndedMessage)frames[end].Message).Reason);
        Assert.DoesNotContain(frames.Skip(end + 1), f => f.RequestId == id);
        await harness.ExpectErrorAsync(new UnsubscribeMessage { Subscription = subscribed.Subscription }, ErrorCode.NotFound);
        Assert.Equal(0, Volatile.Read(ref harness.Counters.Subscriptions));
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_dropped_as_too_slow_while_runs_keep_completing()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync(Chain);
        var subscribed = await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage { Buffer = 8 });
        var id = (uint)subscribed.Subscription;
        harness.Channel.HoldPushes();

        // 50 runs of 8 events each: far more than the 8 the subscription may hold. The engine never
        // waits for the subscriber, so every run completes while no push gets through.
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("completed", (await harness.SubmitAsync("chain", wait: true, runId: $"r{i}")).Status);
        }

        Assert.DoesNotContain(harness.Channel.Frames, f => f.RequestId == id && f.Message is SubscriptionEndedMessage);
        harness.Channel.ReleasePushes();
        var end = await harness.Channel.WaitForAsync(f => f.RequestId == id && f.Message is SubscriptionEndedMessage, "the subscription's end");

        var ended = Assert.IsType<SubscriptionEndedMessage>(end.Message);
        Assert.Equal("too_slow", ended.Reason);
        Assert.Contains("8", ended.Message);
        var events = harness.Channel.Frames.Count(f => f.RequestId == id && f.Message is EventMessage);
        Assert.InRange(events, 1, 8 + 1);
        Assert.Equal(0, Volatile.Read(ref harness.Counters.Subscriptions));
    }

    [Fact]
    public async Task A_run_subscriber_dropped_before_the_final_event_ends_too_slow_not_run_ended()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync(Chain);
        await harness.ExpectAsync<RunStateMessage>(new CreateRunMessage { WorkflowId = "chain", RunId = "r" });
        var subscribed = await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage { RunId = "r", Buffer = 2 });
        var id = (uint)subscribed.Subscription;
        harness.Channel.HoldPushes();

        // Eight events for a buffer of two: the subscriber is dropped, and the run ends regardless.
        await harness.ExpectAsync<RunStateMessage>(new StartRunMessage { RunId = "r" });
        Assert.Equal("completed", (await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = "r" })).Status);
        harness.Channel.ReleasePushes();

        var end = Assert.IsType<SubscriptionEndedMessage>(
            (await harness.Channel.WaitForAsync(f => f.RequestId == id && f.Message is SubscriptionEndedMessage, "the subscription's end")).Message);
        Assert.Equal("too_slow", end.Reason);
        Assert.DoesNotContain(harness.Channel.Frames, f => f.RequestId == id && f.Message is EventMessage { EventType: "workflow.completed" });
    }

    [Fact]
    public async Task A_closed_connection_ends_its_subscriptions()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync(Chain);
        await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage());
        await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage { Buffer = 4 });
        Assert.Equal(2, Volatile.Read(ref harness.Counters.Subscriptions));

        harness.Channel.Close();

        await WaitForSubscriptions(harness, 0);
    }

    [Fact]
    public async Task Stopping_the_server_tells_subscribers_it_is_shutting_down()
    {
        await using var harness = DispatcherHarness.Create();
        var subscribed = await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage());

        await harness.Dispatcher.DisposeAsync();

        var end = Assert.IsType<SubscriptionEndedMessage>(harness.Channel.Frames.Last(f => f.RequestId == (uint)subscribed.Subscription).Message);
        Assert.Equal("shutting_down", end.Reason);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_000_000)]
    public async Task A_buffer_out_of_range_is_an_invalid_request(int buffer)
    {
        await using var harness = DispatcherHarness.Create();

        var error = await harness.ExpectErrorAsync(new SubscribeMessage { Buffer = buffer }, ErrorCode.InvalidRequest);

        Assert.Equal("buffer", Assert.Single(error.Details).Path);
        Assert.Equal(0, Volatile.Read(ref harness.Counters.Subscriptions));
    }

    [Fact]
    public async Task Health_counts_subscriptions_and_active_runs()
    {
        await using var harness = DispatcherHarness.Create(server: new FastFlowServerOptions { Durability = "none", ServerName = "fastflow/test" });
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.RegisterHandler("hold", _ => release.Task);
        await harness.RegisterAsync("id: held\ntasks:\n  a: { handler: hold }\n");
        await harness.SubmitAsync("held");
        await harness.ExpectAsync<SubscribedMessage>(new SubscribeMessage());

        var health = await harness.ExpectAsync<HealthReportMessage>(HealthMessage.Instance);

        Assert.Equal("ok", health.Status);
        Assert.Equal("fastflow/test", health.Server);
        Assert.Equal("none", health.Durability);
        Assert.Equal(1, health.ActiveRuns);
        Assert.Equal(1, health.Subscriptions);
        Assert.InRange(health.UptimeMs, 0, 60_000);
        harness.Counters.Draining = true;
        Assert.Equal("draining", (await harness.ExpectAsync<HealthReportMessage>(HealthMessage.Instance)).Status);
        release.SetResult(null);
    }

    /// <summary>A closed connection pushes nothing, so there is no frame to await: the count is
    /// watched until the pumps (woken by the connection's token) have ended; fails after 10 s.</summary>
    private static async Task WaitForSubscriptions(DispatcherHarness harness, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref harness.Counters.Subscriptions) != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {count} open subscriptions; {harness.Counters.Subscriptions} are open.");
            await Task.Yield();
            await Task.Delay(1);
        }
    }
}
