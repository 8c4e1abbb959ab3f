using FastFlow.Actions;
using FastFlow.Agents;
using FastFlow.Definitions;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Agents;

public sealed class AgentTaskActionExecuteTests
{
    [Fact]
    public async Task The_agent_receives_the_attempt_and_its_result_is_the_output()
    {
        var registry = new FlowRegistry();
        AgentRequest? received = null;
        registry.RegisterAgent("analyst", (request, _) =>
        {
            received = request;
            return new(TaskResult.Success(new { summary = "done", hours = 2 }));
        });
        var host = Host(registry, new TaskOptions
        {
            AgentId = "analyst",
            Parameters = new Dictionary<string, object?> { ["description"] = "Perform data analysis", ["estimated_hours"] = 2L },
        }, dependencies: ["extract"]);
        host.Outputs["extract"] = new Dictionary<string, object?> { ["rows"] = 42L };
        host.InputValues["source"] = "sales";
        host.SetContext("mode", "full");

        var result = await new AgentTaskAction().ExecuteAsync(host.CreateContext(attempt: 2));

        Assert.True(result.IsSuccess);
        var output = Assert.IsType<Dictionary<string, object?>>(result.Output);
        Assert.Equal("done", output["summary"]);
        Assert.Equal(2L, output["hours"]);
        Assert.NotNull(received);
        Assert.Equal("run-1", received.RunId);
        Assert.Equal("wf", received.WorkflowId);
        Assert.Equal("analyze", received.TaskId);
        Assert.Equal(2, received.Attempt);
        Assert.Equal("run-1/analyze/2", received.IdempotencyKey);
        Assert.Equal("analyst", received.AgentId);
        Assert.Equal("agent_task", received.Action);
        Assert.Equal("Perform data analysis", received.Parameters["description"]);
        Assert.Equal("sales", received.Inputs["source"]);
        Assert.Equal("full", received.Context["mode"]);
        Assert.Equal(42L, Assert.IsType<Dictionary<string, object?>>(received.Upstream["extract"])["rows"]);
    }

    [Fact]
    public async Task A_failure_of_the_agent_is_the_failure_of_the_attempt_and_is_counted()
    {
        var registry = new FlowRegistry();
        var agent = registry.RegisterAgent("analyst", (_, _) => new(TaskResult.Failure(ErrorCategory.Business, "rejected")));

        var result = await new AgentTaskAction().ExecuteAsync(Host(registry, new TaskOptions { AgentId = "analyst" }).CreateContext());

        Assert.Equal(ErrorCategory.Business, result.Error!.Category);
        Assert.Equal("rejected", result.Error.Message);
        Assert.Equal(1, agent.Statistics.Failed);
    }

    [Fact]
    public async Task A_transport_that_throws_fails_the_attempt_naming_the_agent()
    {
        var registry = new FlowRegistry();
        registry.RegisterAgent("analyst", (_, _) => throw new InvalidOperationException("socket closed"));
        registry.RegisterAgent("strict", (_, _) => throw new TaskFailedException(ErrorCategory.Permanent, "bad input"));

        var transient = await new AgentTaskAction().ExecuteAsync(Host(registry, new TaskOptions { AgentId = "analyst" }).CreateContext());
        var permanent = await new AgentTaskAction().ExecuteAsync(Host(registry, new TaskOptions { AgentId = "strict" }).CreateContext());

        Assert.Equal(ErrorCategory.Transient, transient.Error!.Category);
        Assert.Contains("Agent 'analyst' (in_process) failed: socket closed", transient.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.Permanent, permanent.Error!.Category);
        Assert.Equal("bad input", permanent.Error.Message);
    }

    [Fact]
    public async Task Capabilities_send_to_an_agent_that_has_them()
    {
        var registry = new FlowRegistry();
        var seen = new List<string>();
        registry.RegisterAgent("a", (request, _) => { seen.Add(request.AgentId); return new(TaskResult.Success()); }, "sql");
        registry.RegisterAgent("b", (request, _) => { seen.Add(request.AgentId); return new(TaskResult.Success()); }, "sql", "gpu");
        registry.RegisterAgent("c", (request, _) => { seen.Add(request.AgentId); return new(TaskResult.Success()); }, "gpu");
        var host = Host(registry, new TaskOptions { Capabilities = ["sql", "gpu"] });

        await new AgentTaskAction().ExecuteAsync(host.CreateContext());
        await new AgentTaskAction().ExecuteAsync(host.CreateContext());

        Assert.Equal(["b", "b"], seen);
    }

    [Fact]
    public async Task An_offline_agent_receives_nothing_and_the_attempt_fails_as_transient()
    {
        var registry = new FlowRegistry();
        var called = false;
        var agent = registry.RegisterAgent("analyst", (_, _) => { called = true; return new(TaskResult.Success()); });
        var host = Host(registry, new TaskOptions { AgentId = "analyst" });
        agent.SetStatus(AgentStatus.Offline);

        var result = await new AgentTaskAction().ExecuteAsync(host.CreateContext());

        Assert.False(called);
        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.Contains("analyst (offline)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_compiled_target_the_agent_is_resolved_when_the_attempt_runs()
    {
        var registry = new FlowRegistry();
        registry.RegisterAgent("analyst", (request, _) => new(TaskResult.Success(request.TaskId)));
        var host = new AgentTestHost(registry, new TaskOptions { AgentId = "analyst" });

        var result = await new AgentTaskAction().ExecuteAsync(host.CreateContext());

        Assert.Equal("analyze", result.Output);
    }

    [Fact]
    public async Task An_agent_that_is_not_registered_at_run_time_is_a_permanent_failure()
    {
        var host = new AgentTestHost(new FlowRegistry(), new TaskOptions { AgentId = "ghost" });

        var result = await new AgentTaskAction().ExecuteAsync(host.CreateContext());

        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Contains("agent 'ghost'", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_attempt_cancels_the_request_and_frees_the_slot()
    {
        var registry = new FlowRegistry();
        var blocking = new BlockingAgent();
        var agent = registry.RegisterAgent(new AgentDescriptor("analyst") { MaxConcurrentTasks = 1 }, new InProcessAgentTransport(blocking.HandleAsync));
        var host = Host(registry, new TaskOptions { AgentId = "analyst" });
        using var cancel = new CancellationTokenSource();

        var running = new AgentTaskAction().ExecuteAsync(host.CreateContext(cancellationToken: cancel.Token)).AsTask();
        await blocking.Arrivals[0].Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(0, agent.CurrentLoad);
    }

    private static AgentTestHost Host(FlowRegistry registry, TaskOptions options, IReadOnlyList<string>? dependencies = null)
    {
        var diagnostics = new List<Diagnostic>();
        options = options with { Action = "agent_task" };
        var preparation = new ActionPreparation("analyze", "tasks.analyze", options, new FlowEngineOptions(), registry, diagnostics, true);
        var prepared = new AgentTaskAction().Prepare(preparation);
        Assert.Empty(diagnostics);
        var host = new AgentTestHost(registry, options, prepared);
        host.DependencyIdList.AddRange(dependencies ?? []);
        return host;
    }
}
