using System.Diagnostics.CodeAnalysis;
using FastFlow.Registry;

namespace FastFlow.Agents;

/// <summary>Registers and finds agents in a <see cref="FlowRegistry"/> (kind <see cref="ComponentKind.Agent"/>).</summary>
public static class AgentRegistryExtensions
{
    /// <summary>Registers an agent, replacing one with the same id. Plans compiled before keep the
    /// agent they resolved until the registry's version makes them recompile.</summary>
    /// <returns>The registered agent, whose live state tools can read.</returns>
    public static Agent RegisterAgent(this FlowRegistry registry, AgentDescriptor descriptor, AgentTransport transport, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var agent = new Agent(descriptor, transport, timeProvider);
        registry.Register(ComponentKind.Agent, agent.Id, agent);
        return agent;
    }

    /// <summary>Registers an in-process agent over a delegate, with the default slot count.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="id">The agent's id (<c>[A-Za-z0-9._-]+</c>).</param>
    /// <param name="handler">Runs one request.</param>
    /// <param name="capabilities">What the agent can do.</param>
    public static Agent RegisterAgent(
        this FlowRegistry registry,
        string id,
        Func<AgentRequest, CancellationToken, ValueTask<TaskResult>> handler,
        params string[] capabilities) =>
        registry.RegisterAgent(new AgentDescriptor(id) { Capabilities = capabilities }, new InProcessAgentTransport(handler));

    /// <summary>The agent registered as <paramref name="id"/>; lock-free.</summary>
    public static bool TryGetAgent(this FlowRegistry registry, string id, [MaybeNullWhen(false)] out Agent agent)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.TryLookup(ComponentKind.Agent, id, out agent);
    }

    /// <summary>Every registered agent, sorted by id.</summary>
    public static IReadOnlyList<Agent> Agents(this FlowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var agents = registry.All<Agent>(ComponentKind.Agent).ToArray();
        Array.Sort(agents, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return agents;
    }
}
