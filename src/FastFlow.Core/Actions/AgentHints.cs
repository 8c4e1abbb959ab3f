using FastFlow.Agents;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Actions;

/// <summary>The "did you mean" and "what exists" parts of agent diagnostics.</summary>
internal static class AgentHints
{
    /// <summary>How many agents a hint lists before it stops.</summary>
    private const int MaxListed = 10;

    /// <summary>What to do about an unknown agent id: the closest registered id, else what exists.</summary>
    public static string ForUnknownId(string agentId, FlowRegistry registry)
    {
        var closest = NameSuggester.Closest(agentId, registry.Ids(ComponentKind.Agent));
        return closest is not null
            ? $"Did you mean '{closest}'?"
            : "Register the agent (fastflow run --agents FILE, or registry.RegisterAgent) or use another id." + Registered(registry);
    }

    /// <summary>What to do about capabilities no agent has: close names of unknown capabilities, and
    /// every agent with its capabilities.</summary>
    public static string ForCapabilities(IReadOnlyList<string> capabilities, FlowRegistry registry)
    {
        var agents = registry.Agents();
        var known = agents.SelectMany(a => a.Descriptor.Capabilities).Distinct(StringComparer.Ordinal).ToArray();
        var typos = capabilities
            .Where(c => !known.Contains(c, StringComparer.Ordinal))
            .Select(c => (Written: c, Closest: NameSuggester.Closest(c, known)))
            .Where(p => p.Closest is not null)
            .Select(p => $"'{p.Closest}' for '{p.Written}'")
            .ToArray();
        var text = typos.Length > 0 ? $"Did you mean {string.Join(", ", typos)}?" : string.Empty;
        return (text + Registered(registry)).TrimStart();
    }

    /// <summary>" Registered agents: a [x, y]; b [z]." or " No agents are registered."</summary>
    public static string Registered(FlowRegistry registry)
    {
        var agents = registry.Agents();
        if (agents.Count == 0)
        {
            return " No agents are registered: pass an agents file (fastflow run --agents FILE) or call registry.RegisterAgent.";
        }

        var listed = agents.Take(MaxListed).Select(a => $"{a.Id} [{string.Join(", ", a.Descriptor.Capabilities)}]");
        var more = agents.Count > MaxListed ? $"; and {agents.Count - MaxListed} more" : string.Empty;
        return " Registered agents: " + string.Join("; ", listed) + more + ".";
    }
}
