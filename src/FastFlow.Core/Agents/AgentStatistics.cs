namespace FastFlow.Agents;

/// <summary>A snapshot of what an agent has done since it was registered.</summary>
/// <param name="Requests">Attempts that got an answer (success or failure); cancelled ones are not counted.</param>
/// <param name="Succeeded">Attempts the agent completed.</param>
/// <param name="Failed">Attempts the agent failed (or its transport could not deliver).</param>
/// <param name="AverageLatency">Exponentially weighted average time per answered attempt, recent
/// attempts weighing most; null before the first answer.</param>
public readonly record struct AgentStatistics(long Requests, long Succeeded, long Failed, TimeSpan? AverageLatency)
{
    /// <summary>The share of answered attempts that succeeded, smoothed so that an agent with no
    /// history scores 0.5 rather than 0 or 1: (succeeded + 1) / (requests + 2).</summary>
    public double SuccessRate => (Succeeded + 1.0) / (Requests + 2.0);
}
