using FastFlow.Actions;
using FastFlow.Agents;
using FastFlow.Definitions;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Agents;

public sealed class AgentTaskActionPrepareTests
{
    private static readonly Func<AgentRequest, CancellationToken, ValueTask<TaskResult>> s_ok = (_, _) => new(TaskResult.Success());

    [Fact]
    public void A_registered_agent_id_resolves_to_that_agent_at_compile_time()
    {
        var registry = Registry();
        var (diagnostics, prepared) = Prepare(registry, new TaskOptions { AgentId = "analyst" });

        Assert.Empty(diagnostics);
        var target = Assert.IsType<AgentTarget>(prepared);
        Assert.Equal(["analyst"], target.Candidates.Select(a => a.Id));
        Assert.Equal(AgentSelectionStrategy.LeastConnections, target.Strategy);
    }

    [Fact]
    public void An_unknown_agent_id_is_FF1022_with_the_closest_registered_id()
    {
        var (diagnostics, _) = Prepare(Registry(), new TaskOptions { AgentId = "analist" });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownAgent, diagnostic.Code);
        Assert.Equal("tasks.analyze.agent_id", diagnostic.Path);
        Assert.Contains("'analist'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'analyst'?", diagnostic.Hint);
    }

    [Fact]
    public void An_unknown_agent_id_far_from_every_id_lists_the_registered_agents()
    {
        var (diagnostics, _) = Prepare(Registry(), new TaskOptions { AgentId = "zzzzzz" });

        var hint = Assert.Single(diagnostics).Hint!;
        Assert.Contains("analyst [analysis, reports]", hint, StringComparison.Ordinal);
        Assert.Contains("loader [sql]", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Capabilities_resolve_to_every_agent_that_has_all_of_them_sorted_by_id()
    {
        var registry = Registry();
        registry.RegisterAgent("analyst_2", s_ok, "analysis", "reports", "charts");

        var (diagnostics, prepared) = Prepare(registry, new TaskOptions { Capabilities = ["reports", "analysis"] });

        Assert.Empty(diagnostics);
        Assert.Equal(["analyst", "analyst_2"], Assert.IsType<AgentTarget>(prepared).Candidates.Select(a => a.Id));
    }

    [Fact]
    public void Capabilities_no_agent_has_are_FF1022_listing_the_agents_and_close_names()
    {
        var (diagnostics, _) = Prepare(Registry(), new TaskOptions { Capabilities = ["analysis", "sqll"] });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownAgent, diagnostic.Code);
        Assert.Equal("tasks.analyze.capabilities", diagnostic.Path);
        Assert.Contains("[analysis, sqll]", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("'sql' for 'sqll'", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Contains("analyst [analysis, reports]; loader [sql]", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_id_with_capabilities_the_agent_lacks_is_FF1022()
    {
        var (diagnostics, _) = Prepare(Registry(), new TaskOptions { AgentId = "loader", Capabilities = ["sql", "analysis"] });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownAgent, diagnostic.Code);
        Assert.Contains("lacks [analysis]", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_agent_id_nor_capabilities_is_a_missing_field_with_a_hint()
    {
        var (diagnostics, prepared) = Prepare(Registry(), new TaskOptions { Capabilities = [] });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.MissingField, diagnostic.Code);
        Assert.Equal("tasks.analyze.agent_id", diagnostic.Path);
        Assert.Contains("agent_id: <id>", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Contains("Registered agents", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Null(prepared);
    }

    [Fact]
    public void Without_reference_checks_an_unknown_agent_is_not_an_error()
    {
        var (diagnostics, prepared) = Prepare(new FlowRegistry(), new TaskOptions { AgentId = "analyst" }, checkReferences: false);

        Assert.Empty(diagnostics);
        Assert.Empty(Assert.IsType<AgentTarget>(prepared).Candidates);
    }

    [Fact]
    public void Coordination_is_reported_as_not_available_yet()
    {
        var options = new TaskOptions { AgentId = "analyst", Coordination = new Dictionary<string, object?> { ["strategy"] = "parallel" } };

        var (diagnostics, _) = Prepare(Registry(), options);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.ActionUnavailable, diagnostic.Code);
        Assert.Equal("tasks.analyze.coordination", diagnostic.Path);
    }

    [Fact]
    public void The_strategy_of_the_action_goes_into_the_prepared_state()
    {
        var preparation = Preparation(Registry(), new TaskOptions { Capabilities = ["analysis"] }, [], true);

        var prepared = new AgentTaskAction(AgentSelectionStrategy.RoundRobin).Prepare(preparation);

        Assert.Equal(AgentSelectionStrategy.RoundRobin, Assert.IsType<AgentTarget>(prepared).Strategy);
    }

    private static FlowRegistry Registry()
    {
        var registry = new FlowRegistry();
        registry.RegisterAgent("analyst", s_ok, "analysis", "reports");
        registry.RegisterAgent("loader", s_ok, "sql");
        return registry;
    }

    private static (List<Diagnostic> Diagnostics, object? Prepared) Prepare(
        FlowRegistry registry, TaskOptions options, bool checkReferences = true)
    {
        var diagnostics = new List<Diagnostic>();
        var prepared = new AgentTaskAction().Prepare(Preparation(registry, options, diagnostics, checkReferences));
        return (diagnostics, prepared);
    }

    private static ActionPreparation Preparation(FlowRegistry registry, TaskOptions options, List<Diagnostic> diagnostics, bool checkReferences) =>
        new("analyze", "tasks.analyze", options with { Action = "agent_task" }, new FlowEngineOptions(), registry, diagnostics, checkReferences);
}
