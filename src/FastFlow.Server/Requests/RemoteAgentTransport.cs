using FastFlow.Agents;

namespace FastFlow.Server.Requests;

/// <summary>The transport of an agent with <c>transport: remote</c>: its attempts wait in the
/// agent's <see cref="LeaseBroker"/> until a worker leases them over the protocol (lease_tasks),
/// and end with the worker's complete_lease, or as a transient failure when the lease lapses
/// without a heartbeat. Register it on the server's engine
/// (<c>engine.Registry.RegisterAgent(descriptor, new RemoteAgentTransport(id))</c>); the server
/// finds it there by the agent's id.</summary>
internal sealed class RemoteAgentTransport : AgentTransport
{
    /// <summary>How long a lease lasts without a heartbeat, unless the agent says otherwise.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>Creates the transport of agent <paramref name="agentId"/>.</summary>
    public RemoteAgentTransport(string agentId, TimeSpan? leaseDuration = null, TimeProvider? time = null)
    {
        Broker = new LeaseBroker(agentId, leaseDuration ?? DefaultLeaseDuration, time ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    public override string Kind => "remote";

    /// <summary>Where the agent's attempts wait for workers.</summary>
    public LeaseBroker Broker { get; }

    /// <inheritdoc/>
    public override ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken) =>
        Broker.OfferAsync(request, cancellationToken);
}
