using FastFlow.Agents;

namespace FastFlow.Actions.Agents;

/// <summary>One agent read from an agents file, ready to register.</summary>
/// <param name="Descriptor">Who the agent is.</param>
/// <param name="Transport">How requests reach it.</param>
public sealed record LoadedAgent(AgentDescriptor Descriptor, AgentTransport Transport)
{
    /// <summary>1-based line of the agent's entry in the file.</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the agent's entry in the file.</summary>
    public int Column { get; init; }
}
