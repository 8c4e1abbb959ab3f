using FastFlow.Agents;

namespace FastFlow.Core.Tests.Agents;

public sealed class AgentSlotTests
{
    [Fact]
    public async Task The_request_past_max_concurrent_tasks_waits_until_one_finishes()
    {
        var blocking = new BlockingAgent();
        var agent = new Agent(new AgentDescriptor("a") { MaxConcurrentTasks = 2 }, new InProcessAgentTransport(blocking.HandleAsync));

        var first = agent.SendAsync(BlockingAgent.Request("t1"), default).AsTask();
        var second = agent.SendAsync(BlockingAgent.Request("t2"), default).AsTask();
        await blocking.Arrivals[0].Task;
        await blocking.Arrivals[1].Task;
        var third = agent.SendAsync(BlockingAgent.Request("t3"), default).AsTask();

        // Both slots are taken: the third request is assigned but has not reached the handler.
        Assert.Equal(2, blocking.Entered);
        Assert.False(blocking.Arrivals[2].Task.IsCompleted);
        Assert.False(third.IsCompleted);
        Assert.Equal(3, agent.CurrentLoad);
        Assert.Equal(2, agent.RunningTasks);
        Assert.Equal(AgentStatus.Busy, agent.Status);

        blocking.Release("t2", TaskResult.Success("two"));
        Assert.Equal("two", (await second).Output);
        var arrived = await blocking.Arrivals[2].Task;
        Assert.Equal("t3", arrived.TaskId);
        Assert.False(first.IsCompleted);

        blocking.Release("t1", TaskResult.Success("one"));
        blocking.Release("t3", TaskResult.Success("three"));
        Assert.Equal("one", (await first).Output);
        Assert.Equal("three", (await third).Output);
        Assert.Equal(0, agent.CurrentLoad);
        Assert.Equal(AgentStatus.Online, agent.Status);
        Assert.Equal(3, agent.Statistics.Succeeded);
    }

    [Fact]
    public async Task A_request_cancelled_while_waiting_for_a_slot_leaves_without_taking_one()
    {
        var blocking = new BlockingAgent();
        var agent = new Agent(new AgentDescriptor("a") { MaxConcurrentTasks = 1 }, new InProcessAgentTransport(blocking.HandleAsync));
        var first = agent.SendAsync(BlockingAgent.Request("t1"), default).AsTask();
        await blocking.Arrivals[0].Task;
        using var cancel = new CancellationTokenSource();

        var waiting = agent.SendAsync(BlockingAgent.Request("t2"), cancel.Token).AsTask();
        Assert.Equal(2, agent.CurrentLoad);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, agent.CurrentLoad);
        var next = agent.SendAsync(BlockingAgent.Request("t3"), default).AsTask();
        blocking.Release("t1", TaskResult.Success());
        await first;
        Assert.Equal("t3", (await blocking.Arrivals[1].Task).TaskId);
        blocking.Release("t3", TaskResult.Success());
        await next;
        Assert.Equal(0, agent.Statistics.Failed);
        Assert.Equal(2, agent.Statistics.Requests);
    }

    [Fact]
    public async Task A_request_cancelled_while_running_frees_its_slot_and_is_not_counted()
    {
        var blocking = new BlockingAgent();
        var agent = new Agent(new AgentDescriptor("a") { MaxConcurrentTasks = 1 }, new InProcessAgentTransport(blocking.HandleAsync));
        using var cancel = new CancellationTokenSource();
        var running = agent.SendAsync(BlockingAgent.Request("t1"), cancel.Token).AsTask();
        await blocking.Arrivals[0].Task;

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(0, agent.RunningTasks);
        Assert.True(agent.HasFreeSlot);
        Assert.Equal(0, agent.Statistics.Requests);
    }

    [Fact]
    public async Task Statuses_set_from_outside_win_over_busy_and_a_heartbeat_brings_the_agent_back()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var agent = new Agent(new AgentDescriptor("a"), new InProcessAgentTransport((_, _) => new(TaskResult.Success())), time);
        Assert.Equal(time.GetUtcNow(), agent.RegisteredAt);

        agent.SetStatus(AgentStatus.Error);
        Assert.Equal(AgentStatus.Error, agent.Status);
        Assert.False(agent.IsAvailable);
        Assert.Throws<ArgumentException>(() => agent.SetStatus(AgentStatus.Busy));

        time.Advance(TimeSpan.FromMinutes(5));
        agent.Heartbeat();
        Assert.Equal(AgentStatus.Online, agent.Status);
        Assert.Equal(agent.RegisteredAt.AddMinutes(5), agent.LastSeenAt);

        time.Advance(TimeSpan.FromMinutes(1));
        await agent.SendAsync(BlockingAgent.Request("t1"), default);
        Assert.Equal(agent.RegisteredAt.AddMinutes(6), agent.LastSeenAt);
    }
}
