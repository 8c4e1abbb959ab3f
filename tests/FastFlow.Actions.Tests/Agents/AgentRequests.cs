using FastFlow.Agents;

namespace FastFlow.Actions.Tests.Agents;

internal static class AgentRequests
{
    public static AgentRequest For(string agentId, string taskId = "analyze", Dictionary<string, object?>? parameters = null) => new()
    {
        RunId = "run-7",
        WorkflowId = "simple-analysis",
        TaskId = taskId,
        Attempt = 2,
        IdempotencyKey = $"run-7/{taskId}/2",
        AgentId = agentId,
        Action = "agent_task",
        Parameters = parameters ?? new Dictionary<string, object?> { ["description"] = "Perform data analysis", ["estimated_hours"] = 2L },
        Inputs = new Dictionary<string, object?> { ["source"] = "sales" },
    };
}
