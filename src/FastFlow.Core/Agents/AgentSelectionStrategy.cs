namespace FastFlow.Agents;

/// <summary>How an <c>agent_task</c> picks one of the agents that can run it. Whatever the
/// strategy, offline and error agents receive nothing, and an agent with a free slot is preferred
/// to one where the task would wait. Wire names: <c>least_connections, round_robin, performance</c>.</summary>
public enum AgentSelectionStrategy : byte
{
    /// <summary>The agent with the fewest tasks assigned (running or waiting); the default.</summary>
    LeastConnections = 0,
    /// <summary>Each agent in turn.</summary>
    RoundRobin = 1,
    /// <summary>The agent with the best success rate per unit of recent latency.</summary>
    Performance = 2,
}
