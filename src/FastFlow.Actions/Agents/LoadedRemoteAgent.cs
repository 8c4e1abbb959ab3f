using FastFlow.Agents;

namespace FastFlow.Actions.Agents;

/// <summary>An agent of an agents file with <c>transport: remote</c>: a server holds its attempts
/// until a worker leases them over the protocol. The file says only who the agent is and how long
/// a lease lasts; the transport belongs to the server that serves it, so the caller registers it
/// (see <see cref="AgentsFile.Register(FastFlow.Registry.FlowRegistry, AgentsFileResult, FlowEngineOptions, TimeProvider?, Func{LoadedRemoteAgent, AgentTransport}?)"/>).</summary>
/// <param name="Descriptor">Who the agent is.</param>
/// <param name="LeaseDuration">How long a lease lasts without a heartbeat (<c>lease_seconds</c>);
/// null for the server's default.</param>
public sealed record LoadedRemoteAgent(AgentDescriptor Descriptor, TimeSpan? LeaseDuration)
{
    /// <summary>1-based line of the agent's entry in the file.</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the agent's entry in the file.</summary>
    public int Column { get; init; }
}
