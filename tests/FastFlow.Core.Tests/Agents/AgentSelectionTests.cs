using FastFlow.Agents;
using Microsoft.Extensions.Time.Testing;

namespace FastFlow.Core.Tests.Agents;

public sealed class AgentSelectionTests
{
    [Fact]
    public async Task Least_connections_picks_the_agent_with_the_fewest_assigned_tasks()
    {
        var (agents, blocking) = Agents(3, maxConcurrent: 4);
        // a: 2 running, b: 1 running, c: 0.
        var pending = new List<Task<TaskResult>>
        {
            agents[0].SendAsync(BlockingAgent.Request("a1"), default).AsTask(),
            agents[0].SendAsync(BlockingAgent.Request("a2"), default).AsTask(),
            agents[1].SendAsync(BlockingAgent.Request("b1"), default).AsTask(),
        };
        var cursor = 0;

        Assert.Same(agents[2], AgentSelector.Select(agents, AgentSelectionStrategy.LeastConnections, ref cursor));
        pending.Add(agents[2].SendAsync(BlockingAgent.Request("c1"), default).AsTask());
        pending.Add(agents[2].SendAsync(BlockingAgent.Request("c2"), default).AsTask());
        Assert.Same(agents[1], AgentSelector.Select(agents, AgentSelectionStrategy.LeastConnections, ref cursor));

        foreach (var (block, id) in blocking.Zip(new[] { new[] { "a1", "a2" }, ["b1"], ["c1", "c2"] }))
        {
            foreach (var task in id)
            {
                block.Release(task, TaskResult.Success());
            }
        }

        await Task.WhenAll(pending);
    }

    [Fact]
    public void Least_connections_spreads_ties_across_agents()
    {
        var (agents, _) = Agents(3, maxConcurrent: 4);
        var cursor = 0;

        var picked = Enumerable.Range(0, 6).Select(_ => AgentSelector.Select(agents, AgentSelectionStrategy.LeastConnections, ref cursor)!.Id).ToList();

        Assert.Equal(3, picked.Distinct().Count());
    }

    [Fact]
    public void Round_robin_takes_each_available_agent_in_turn_and_skips_offline_and_error_ones()
    {
        var (agents, _) = Agents(4, maxConcurrent: 4);
        agents[1].SetStatus(AgentStatus.Offline);
        agents[3].SetStatus(AgentStatus.Error);
        var cursor = -1;

        var picked = Enumerable.Range(0, 4).Select(_ => AgentSelector.Select(agents, AgentSelectionStrategy.RoundRobin, ref cursor)!.Id).ToList();

        Assert.Equal(["a0", "a2", "a2", "a0"], picked);
    }

    [Fact]
    public async Task An_agent_with_a_free_slot_is_preferred_to_a_full_one_whatever_the_strategy()
    {
        var (agents, blocking) = Agents(2, maxConcurrent: 1);
        var busy = agents[0].SendAsync(BlockingAgent.Request("x"), default).AsTask();
        await blocking[0].Arrivals[0].Task;

        foreach (var strategy in Enum.GetValues<AgentSelectionStrategy>())
        {
            for (var cursor = 0; cursor < 4; cursor++)
            {
                var c = cursor;
                Assert.Same(agents[1], AgentSelector.Select(agents, strategy, ref c));
            }
        }

        blocking[0].Release("x", TaskResult.Success());
        await busy;
    }

    [Fact]
    public void Nothing_is_selected_when_every_agent_is_offline_or_in_error()
    {
        var (agents, _) = Agents(2, maxConcurrent: 1);
        agents[0].SetStatus(AgentStatus.Offline);
        agents[1].SetStatus(AgentStatus.Error);
        var cursor = 0;

        foreach (var strategy in Enum.GetValues<AgentSelectionStrategy>())
        {
            Assert.Null(AgentSelector.Select(agents, strategy, ref cursor));
        }
    }

    [Fact]
    public async Task Performance_prefers_the_faster_agent_and_then_the_more_successful_one()
    {
        var time = new FakeTimeProvider();
        var fast = Timed("fast", time, TimeSpan.FromMilliseconds(10), succeed: true);
        var slow = Timed("slow", time, TimeSpan.FromMilliseconds(400), succeed: true);
        var failing = Timed("failing", time, TimeSpan.FromMilliseconds(10), succeed: false);
        for (var i = 0; i < 5; i++)
        {
            await fast.SendAsync(BlockingAgent.Request("t" + i), default);
            await slow.SendAsync(BlockingAgent.Request("t" + i), default);
            await failing.SendAsync(BlockingAgent.Request("t" + i), default);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(10), fast.Statistics.AverageLatency);
        Assert.Equal(5, failing.Statistics.Failed);
        for (var cursor = 0; cursor < 3; cursor++)
        {
            var c = cursor;
            Assert.Same(fast, AgentSelector.Select(new[] { slow, failing, fast }, AgentSelectionStrategy.Performance, ref c));
            c = cursor;
            Assert.Same(slow, AgentSelector.Select(new[] { failing, slow }, AgentSelectionStrategy.Performance, ref c));
        }

        Assert.True(new AgentStatistics(5, 5, 0, null).SuccessRate > new AgentStatistics(5, 0, 5, null).SuccessRate);
    }

    [Fact]
    public async Task Performance_tries_an_agent_without_history_before_a_slow_one()
    {
        var time = new FakeTimeProvider();
        var slow = Timed("slow", time, TimeSpan.FromMilliseconds(300), succeed: true);
        await slow.SendAsync(BlockingAgent.Request("t"), default);
        var fresh = Timed("fresh", time, TimeSpan.FromMilliseconds(1), succeed: true);
        var cursor = 0;

        Assert.Same(fresh, AgentSelector.Select(new[] { slow, fresh }, AgentSelectionStrategy.Performance, ref cursor));
    }

    private static Agent Timed(string id, FakeTimeProvider time, TimeSpan latency, bool succeed) =>
        new(new AgentDescriptor(id), new InProcessAgentTransport((_, _) =>
        {
            time.Advance(latency);
            return new(succeed ? TaskResult.Success() : TaskResult.Failure(ErrorCategory.Transient, "no"));
        }), time);

    private static (Agent[] Agents, BlockingAgent[] Blocking) Agents(int count, int maxConcurrent)
    {
        var blocking = Enumerable.Range(0, count).Select(_ => new BlockingAgent()).ToArray();
        var agents = Enumerable.Range(0, count)
            .Select(i => new Agent(new AgentDescriptor("a" + i) { MaxConcurrentTasks = maxConcurrent }, new InProcessAgentTransport(blocking[i].HandleAsync)))
            .ToArray();
        return (agents, blocking);
    }
}
