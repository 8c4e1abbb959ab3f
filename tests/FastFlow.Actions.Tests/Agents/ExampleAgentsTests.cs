using FastFlow.Actions.Agents;
using FastFlow.Agents;
using FastFlow.Registry;

namespace FastFlow.Actions.Tests.Agents;

/// <summary>examples/agents.yaml and its agents, as a user runs them: the seed workflows' agents
/// answer real requests. The first run builds examples/agents/agent.cs (a few seconds).</summary>
public sealed class ExampleAgentsTests
{
    private static readonly string s_file = FindExamples();

    [Fact]
    public void The_example_agents_file_is_valid_and_has_every_seed_agent()
    {
        var result = AgentsFile.Load(s_file);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["analyst", "data_agent", "analyst_1", "analyst_2", "synthesizer", "transformer", "notifier"], result.Agents.Select(a => a.Descriptor.Id));
        Assert.All(result.Agents, a => Assert.IsType<ProcessAgentTransport>(a.Transport));
    }

    [Fact]
    public async Task The_seed_workflows_run_through_the_example_agents()
    {
        var registry = new FlowRegistry();
        AgentsFile.Register(registry, s_file, new FlowEngineOptions { AllowExec = true });
        // The first request may build the agent program: a generous deadline, not a sleep.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var analyze = await Send(registry, "analyst", "analyze", deadline.Token,
            parameters: new() { ["description"] = "Perform data analysis", ["estimated_hours"] = 2L });
        var preprocessing = await Send(registry, "data_agent", "preprocessing", deadline.Token);
        var upstream = new Dictionary<string, object?> { ["preprocessing"] = preprocessing };
        var analysis1 = await Send(registry, "analyst_1", "analysis_1", deadline.Token, upstream: upstream);
        var analysis2 = await Send(registry, "analyst_2", "analysis_2", deadline.Token, upstream: upstream);
        var synthesis = await Send(registry, "synthesizer", "synthesis", deadline.Token,
            upstream: new() { ["analysis_1"] = analysis1, ["analysis_2"] = analysis2 });

        Assert.StartsWith("Perform data analysis (planned 2 h): reviewed 2 parameter(s)", (string)analyze["summary"]!, StringComparison.Ordinal);
        var values = Assert.IsType<List<object?>>(preprocessing["values"]).Cast<long>().ToList();
        Assert.Equal((long)values.Count, preprocessing["count"]);
        Assert.All(values, v => Assert.InRange(v, 10, 95));
        var statistics = Assert.IsType<Dictionary<string, object?>>(analysis1["statistics"]);
        Assert.Equal(Math.Round(values.Average(), 2), Convert.ToDouble(statistics["mean"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("distribution", analysis1["focus"]);
        Assert.Equal("trend", analysis2["focus"]);
        Assert.Equal(new List<object?> { "analysis_1", "analysis_2" }, synthesis["sources"]);
        Assert.Contains("analysis_1: ", (string)synthesis["summary"]!, StringComparison.Ordinal);
        Assert.Equal(statistics["mean"], synthesis["overall_mean"]);
    }

    [Fact]
    public async Task An_example_agent_asked_to_fail_uses_the_error_object()
    {
        var registry = new FlowRegistry();
        AgentsFile.Register(registry, s_file, new FlowEngineOptions { AllowExec = true });
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        registry.TryGetAgent("analyst", out var agent);

        var result = await agent!.SendAsync(Request("analyst", "analyze", new() { ["fail"] = "business" }, []), deadline.Token);

        Assert.Equal(ErrorCategory.Business, result.Error!.Category);
        Assert.Equal("Agent 'analyst': analyst was asked to fail (business)", result.Error.Message);
    }

    private static async Task<Dictionary<string, object?>> Send(
        FlowRegistry registry, string agentId, string taskId, CancellationToken cancellationToken,
        Dictionary<string, object?>? parameters = null, Dictionary<string, object?>? upstream = null)
    {
        Assert.True(registry.TryGetAgent(agentId, out var agent));
        var result = await agent.SendAsync(Request(agentId, taskId, parameters ?? [], upstream ?? []), cancellationToken);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return Assert.IsType<Dictionary<string, object?>>(result.Output);
    }

    private static AgentRequest Request(string agentId, string taskId, Dictionary<string, object?> parameters, Dictionary<string, object?> upstream) => new()
    {
        RunId = "example-run",
        WorkflowId = "multi-agent-processing",
        TaskId = taskId,
        IdempotencyKey = $"example-run/{taskId}/1",
        AgentId = agentId,
        Action = "agent_task",
        Parameters = parameters,
        Upstream = upstream,
    };

    private static string FindExamples()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "examples", "agents.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("examples/agents.yaml was not found above " + AppContext.BaseDirectory);
    }
}
