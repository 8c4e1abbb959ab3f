namespace FastFlow.Agents;

/// <summary>What an <c>agent_task</c> resolved when its plan was compiled: the agents that may run
/// it, the strategy that picks one and the upstream tasks whose outputs go into the request. The
/// registry's version makes the plan recompile when agents change, so this is never looked up per task.</summary>
internal sealed class AgentTarget
{
    /// <summary>Rotation state of round robin (and of tie breaking) for this task.</summary>
    private int _cursor = -1;

    public AgentTarget(string? agentId, IReadOnlyList<string>? capabilities, Agent[] candidates, AgentSelectionStrategy strategy)
    {
        AgentId = agentId;
        Capabilities = capabilities;
        Candidates = candidates;
        Strategy = strategy;
    }

    /// <summary>The agent asked for by id, or null.</summary>
    public string? AgentId { get; }

    /// <summary>The capabilities asked for, or null.</summary>
    public IReadOnlyList<string>? Capabilities { get; }

    /// <summary>Agents that may run the task, sorted by id; empty when references were not checked.</summary>
    public Agent[] Candidates { get; }

    /// <summary>How one candidate is picked.</summary>
    public AgentSelectionStrategy Strategy { get; }


    /// <summary>An available agent, or null when all are offline or in error.</summary>
    public Agent? Select() => AgentSelector.Select(Candidates, Strategy, ref _cursor);

    /// <summary>What the task asks for, for messages: <c>agent 'x'</c> or <c>an agent with [a, b]</c>.</summary>
    public string Describe() => AgentId is not null
        ? $"agent '{AgentId}'"
        : $"an agent with capabilities [{string.Join(", ", Capabilities ?? [])}]";
}
