using FastFlow.Definitions.Loading;

namespace FastFlow.Core.Tests.Loading;

/// <summary>The task JSON of seed 001, exactly as written there, loads in both forms of <c>tasks</c>.</summary>
public sealed class SeedTaskTests
{
    private const string SeedTask = """
        {
          "id": "extract_data",
          "name": "Extract Data from Source",
          "agent_id": "data_agent",
          "action": "agent_task",
          "dependencies": [],
          "conditions": [],
          "timeout_seconds": 3600,
          "retry_count": 3,
          "execution_mode": "sequential"
        }
        """;

    private const string SeedRetry = """
        {
          "retry_count": 3,
          "retry_delay": 5,
          "timeout_seconds": 3600
        }
        """;

    [Fact]
    public void Seed_task_loads_in_the_list_form()
    {
        var result = Loads.Json("{ \"name\": \"Seed\", \"tasks\": [" + SeedTask + "] }");

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        AssertSeedTask(result);
    }

    [Fact]
    public void Seed_task_loads_in_the_map_form_under_its_own_id()
    {
        var result = Loads.Json("{ \"name\": \"Seed\", \"tasks\": { \"extract_data\": " + SeedTask + " } }");

        Assert.Empty(result.Diagnostics);
        AssertSeedTask(result);
    }

    [Fact]
    public void Seed_retry_policy_loads_as_a_task()
    {
        var task = "{ \"action\": \"noop\", " + SeedRetry.Trim()[1..];
        var result = Loads.Json("{ \"name\": \"Seed\", \"tasks\": { \"t\": " + task + " } }");

        Assert.Empty(result.Diagnostics);
        var options = result.Definition!.Tasks[0].Options;
        Assert.Equal(4, options.Retry!.MaxAttempts);
        Assert.Equal(5, options.Retry.BaseDelaySeconds);
        Assert.Equal(3600, options.TimeoutSeconds);
    }

    private static void AssertSeedTask(LoadResult result)
    {
        var task = Assert.Single(result.Definition!.Tasks);
        Assert.Equal("extract_data", task.Id);
        Assert.Equal("Extract Data from Source", task.Options.Name);
        Assert.Equal("data_agent", task.Options.AgentId);
        Assert.Equal("agent_task", task.Options.Action);
        Assert.Empty(task.DependencyIds);
        Assert.Empty(task.Options.Conditions!);
        Assert.Equal(3600, task.Options.TimeoutSeconds);
        Assert.Equal(4, task.Options.Retry!.MaxAttempts);
        Assert.Equal(ExecutionMode.Sequential, task.Options.ExecutionMode);
    }
}
