using FastFlow.Registry;

namespace FastFlow.Agents;

/// <summary>Finds the registered agents that match a task's <c>agent_id</c> or <c>capabilities</c>.</summary>
internal static class AgentResolver
{
    /// <summary>The agent with <paramref name="agentId"/> (if it also has the capabilities), or every
    /// agent with all <paramref name="capabilities"/>, sorted by id; empty when none matches.</summary>
    public static Agent[] Resolve(FlowRegistry registry, string? agentId, IReadOnlyList<string>? capabilities)
    {
        if (agentId is not null)
        {
            return registry.TryGetAgent(agentId, out var agent) && agent.Descriptor.HasCapabilities(capabilities) ? [agent] : [];
        }

        if (capabilities is null or { Count: 0 })
        {
            return [];
        }

        var matches = registry.All<Agent>(ComponentKind.Agent).Where(a => a.Descriptor.HasCapabilities(capabilities)).ToArray();
        Array.Sort(matches, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return matches;
    }
}
