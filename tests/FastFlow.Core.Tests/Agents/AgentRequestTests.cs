using FastFlow.Agents;
using FastFlow.Data;

namespace FastFlow.Core.Tests.Agents;

public sealed class AgentRequestTests
{
    [Fact]
    public void The_json_has_every_field_of_the_protocol_in_order()
    {
        var request = new AgentRequest
        {
            RunId = "r1",
            WorkflowId = "simple-analysis",
            TaskId = "analyze",
            Attempt = 3,
            IdempotencyKey = "r1/analyze/3",
            AgentId = "analyst",
            Action = "agent_task",
            Parameters = new Dictionary<string, object?> { ["description"] = "Perform data analysis – café", ["estimated_hours"] = 2L },
            Inputs = new Dictionary<string, object?> { ["n"] = 1.5 },
            Upstream = new Dictionary<string, object?> { ["extract"] = new List<object?> { 1L, null } },
        };

        var json = request.ToJson();

        Assert.Equal(
            """{"run_id":"r1","workflow_id":"simple-analysis","task_id":"analyze","attempt":3,"idempotency_key":"r1/analyze/3","agent_id":"analyst","action":"agent_task","parameters":{"description":"Perform data analysis – café","estimated_hours":2},"inputs":{"n":1.5},"context":{},"upstream":{"extract":[1,null]}}""",
            json);
        var parsed = Assert.IsType<Dictionary<string, object?>>(PlainData.ParseJson(json));
        Assert.Equal(3L, parsed["attempt"]);
    }

    [Fact]
    public void Non_plain_values_are_written_as_their_plain_form()
    {
        var request = new AgentRequest
        {
            RunId = "r",
            WorkflowId = "w",
            TaskId = "t",
            IdempotencyKey = "r/t/1",
            AgentId = "a",
            Action = "agent_task",
            Parameters = new Dictionary<string, object?> { ["when"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), ["count"] = 7 },
        };

        var parameters = (Dictionary<string, object?>)((Dictionary<string, object?>)PlainData.ParseJson(request.ToJson())!)["parameters"]!;

        Assert.Equal("2026-01-02T03:04:05.0000000+00:00", parameters["when"]);
        Assert.Equal(7L, parameters["count"]);
    }
}
