namespace FastFlow.Agents;

/// <summary>Picks one agent among candidates. Offline and error agents are never picked; an agent
/// with a free slot beats one where the request would wait; the strategy decides among equals.
/// Lock-free: it reads each agent's counters once and may race with other selections, which only
/// makes the balance approximate, never wrong.</summary>
internal static class AgentSelector
{
    /// <summary>Latency in milliseconds that halves a performance score.</summary>
    private const double LatencyScaleMs = 100;

    /// <summary>The chosen agent, or null when every candidate is offline or in error.</summary>
    /// <param name="candidates">Agents that may run the task, in a stable order.</param>
    /// <param name="strategy">How to choose.</param>
    /// <param name="cursor">Rotation state shared by the selections of one task; rotates ties too.</param>
    public static Agent? Select(ReadOnlySpan<Agent> candidates, AgentSelectionStrategy strategy, ref int cursor)
    {
        if (candidates.Length == 0)
        {
            return null;
        }

        // Unsigned so that the counter may wrap around without a negative start.
        var start = (int)((uint)Interlocked.Increment(ref cursor) % (uint)candidates.Length);
        return Pick(candidates, strategy, start, requireFreeSlot: true) ?? Pick(candidates, strategy, start, requireFreeSlot: false);
    }

    private static Agent? Pick(ReadOnlySpan<Agent> candidates, AgentSelectionStrategy strategy, int start, bool requireFreeSlot)
    {
        Agent? best = null;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < candidates.Length; i++)
        {
            var agent = candidates[(start + i) % candidates.Length];
            if (!agent.IsAvailable || (requireFreeSlot && !agent.HasFreeSlot))
            {
                continue;
            }

            if (strategy == AgentSelectionStrategy.RoundRobin)
            {
                // The first usable agent from the rotating start.
                return agent;
            }

            var score = strategy == AgentSelectionStrategy.Performance ? PerformanceScore(agent) : -agent.CurrentLoad;
            // Strictly greater: among equal scores the first from the rotating start wins, which spreads ties.
            if (score > bestScore)
            {
                best = agent;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary><c>successRate² / (1 + latency / 100 ms)</c>: faster is better, and failures weigh
    /// more than slowness (squared), so that an agent that fails fast never beats one that succeeds
    /// slowly. An agent without history has a success rate of 0.5 and no latency, so it is tried
    /// rather than starved. The load breaks near-ties.</summary>
    private static double PerformanceScore(Agent agent)
    {
        var statistics = agent.Statistics;
        var rate = statistics.SuccessRate;
        var latencyMs = statistics.AverageLatency?.TotalMilliseconds ?? 0;
        return (rate * rate / (1.0 + (latencyMs / LatencyScaleMs))) - (agent.CurrentLoad * 1e-9);
    }
}
