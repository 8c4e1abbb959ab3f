using System.Diagnostics.CodeAnalysis;

namespace FastFlow.Agents;

/// <summary>The snake_case names of agent enums in files, JSON output and the protocol.</summary>
public static class AgentWireNames
{
    private static readonly string[] s_status = ["online", "busy", "offline", "error"];
    private static readonly string[] s_strategy = ["least_connections", "round_robin", "performance"];

    /// <summary>The wire name of a status.</summary>
    public static string ToWireName(this AgentStatus value) => s_status[(int)value];

    /// <summary>The wire name of a selection strategy.</summary>
    public static string ToWireName(this AgentSelectionStrategy value) => s_strategy[(int)value];

    /// <summary>Every selection strategy's wire name, for hints.</summary>
    public static IReadOnlyList<string> StrategyNames => s_strategy;

    /// <summary>Parses a selection strategy's wire name (case-insensitive).</summary>
    public static bool TryParseStrategy(string? text, [NotNullWhen(true)] out AgentSelectionStrategy? strategy)
    {
        for (var i = 0; i < s_strategy.Length; i++)
        {
            if (string.Equals(s_strategy[i], text, StringComparison.OrdinalIgnoreCase))
            {
                strategy = (AgentSelectionStrategy)i;
                return true;
            }
        }

        strategy = null;
        return false;
    }
}
