using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Loading;

/// <summary>The conveniences of the format: the seed's shorthands, the list form of tasks,
/// single strings for lists, aliases of enum values and ids made from names.</summary>
public sealed class ShorthandTests
{
    [Fact]
    public void Retry_count_and_delay_become_a_retry_policy()
    {
        var result = Loads.Yaml("name: x\ntasks:\n  t: { action: noop, retry_count: 2, retry_delay: 0.5 }\n");

        Assert.Empty(result.Diagnostics);
        var retry = result.Definition!.Tasks[0].Options.Retry!;
        Assert.Equal(3, retry.MaxAttempts);
        Assert.Equal(0.5, retry.BaseDelaySeconds);
        Assert.Null(retry.MaxDelaySeconds);
    }

    [Fact]
    public void Retry_delay_alone_sets_only_the_base_delay()
    {
        var retry = Loads.Yaml("name: x\ntasks:\n  t: { action: noop, retry_delay: 2 }\n").Definition!.Tasks[0].Options.Retry!;

        Assert.Null(retry.MaxAttempts);
        Assert.Equal(2, retry.BaseDelaySeconds);
    }

    [Fact]
    public void Full_retry_block_in_a_task_and_in_defaults()
    {
        var result = Loads.Yaml("""
            name: x
            defaults:
              timeout_seconds: 1.5
              trigger_rule: all_done
              priority: medium
              on_failure: skip
              retry: { max_attempts: 3, base_delay_seconds: 0.1, max_delay_seconds: 10, exponential_backoff: false, jitter: true, retriable_errors: timeout }
            tasks:
              t:
                action: noop
                retry: { max_attempts: 5, retriable_errors: [Transient, business] }
            """);

        Assert.Empty(result.Diagnostics);
        var defaults = result.Definition!.Defaults;
        Assert.Equal(1.5, defaults.TimeoutSeconds);
        Assert.Equal(TriggerRule.AllDone, defaults.TriggerRule);
        Assert.Equal(TaskPriority.Normal, defaults.Priority);
        Assert.Equal(FailurePolicy.Skip, defaults.OnFailure);
        Assert.Equal(new RetrySettings { MaxAttempts = 3, BaseDelaySeconds = 0.1, MaxDelaySeconds = 10, ExponentialBackoff = false, Jitter = true }, defaults.Retry! with { RetriableErrors = null });
        Assert.Equal([ErrorCategory.Timeout], defaults.Retry.RetriableErrors!);
        Assert.Equal([ErrorCategory.Transient, ErrorCategory.Business], result.Definition.Tasks[0].Options.Retry!.RetriableErrors!);
    }

    [Fact]
    public void Single_strings_are_one_item_lists()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              a: { action: noop }
              b: { action: agent_task, capabilities: sql, dependencies: a, conditions: "inputs.go" }
            """);

        Assert.Empty(result.Diagnostics);
        var b = result.Definition!.Tasks[1];
        Assert.Equal(["a"], b.DependencyIds);
        Assert.Equal(["inputs.go"], b.Options.Conditions!);
        Assert.Equal(["sql"], b.Options.Capabilities!);
    }

    [Fact]
    public void List_form_of_tasks_equals_the_map_form()
    {
        var list = Loads.Yaml("""
            name: x
            tasks:
              - id: a
                action: noop
              - id: b
                action: noop
                dependencies: [a]
            """);
        var map = Loads.Yaml("""
            name: x
            tasks:
              a:
                action: noop
              b:
                id: b
                action: noop
                dependencies: [a]
            """);

        Assert.Empty(list.Diagnostics);
        Assert.Empty(map.Diagnostics);
        Assert.Equal(ModelDump.Of(map.Definition!), ModelDump.Of(list.Definition!));
    }

    [Theory]
    [InlineData("Simple Analysis", "simple-analysis")]
    [InlineData("Multi-Agent Processing", "multi-agent-processing")]
    [InlineData("  ETL: Daily (v2)  ", "etl-daily-v2")]
    [InlineData("data_pipeline.v3", "data_pipeline.v3")]
    [InlineData("Café au lait", "caf-au-lait")]
    public void Workflow_id_is_made_from_the_name_when_absent(string name, string id)
    {
        var result = Loads.Json($$$$"""{"name": "{{{{name}}}}", "tasks": {"t": {"action": "noop"}}}""");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(id, result.Definition!.Id);
    }

    [Fact]
    public void Explicit_id_wins_over_the_name()
    {
        Assert.Equal("etl", Loads.Yaml("id: etl\nname: Something Else\ntasks: { t: { action: noop } }\n").Definition!.Id);
    }

    [Fact]
    public void Every_task_field_is_loaded()
    {
        var result = Loads.Yaml("""
            name: x
            revision: 7
            description: all of it
            timeout_seconds: 60
            max_concurrency: 4
            on_failure: pause
            tasks:
              first:
                action: noop
              t:
                id: t
                name: The task
                description: does things
                handler: save_rows
                agent_id: agent-1
                capabilities: [a, b]
                coordination: { strategy: consensus, quorum: 2 }
                parameters: { k: v }
                dependencies: [first]
                when: "inputs.x > 1"
                conditions: ["inputs.y", "inputs.z"]
                trigger_rule: none_failed
                priority: critical
                timeout_seconds: 2.5
                on_failure: compensate
                compensation: { handler: undo_rows, parameters: { id: 1 } }
                execution_mode: conditional
            outputs:
              out: "${{ tasks.t.output }}"
            """);

        Assert.Empty(result.Diagnostics);
        var d = result.Definition!;
        Assert.Equal(7, d.Revision);
        Assert.Equal("all of it", d.Description);
        Assert.Equal(60, d.TimeoutSeconds);
        Assert.Equal(4, d.MaxConcurrency);
        Assert.Equal(FailurePolicy.Pause, d.OnFailure);
        var o = d.Tasks[1].Options;
        Assert.Equal("The task", o.Name);
        Assert.Equal("does things", o.Description);
        Assert.Equal("save_rows", o.Handler);
        Assert.Null(o.Action);
        Assert.Equal("agent-1", o.AgentId);
        Assert.Equal(["a", "b"], o.Capabilities!);
        Assert.Equal("""{"strategy":"consensus","quorum":2L}""", ModelDump.V(o.Coordination));
        Assert.Equal("""{"k":"v"}""", ModelDump.V(o.Parameters));
        Assert.Equal(["first"], d.Tasks[1].DependencyIds);
        Assert.Equal("inputs.x > 1", o.When);
        Assert.Equal(["inputs.y", "inputs.z"], o.Conditions!);
        Assert.Equal(TriggerRule.NoneFailed, o.TriggerRule);
        Assert.Equal(TaskPriority.Critical, o.Priority);
        Assert.Equal(2.5, o.TimeoutSeconds);
        Assert.Equal(FailurePolicy.Compensate, o.OnFailure);
        Assert.Equal("undo_rows", o.Compensation!.Handler);
        Assert.Equal(1L, o.Compensation.Parameters!["id"]);
        Assert.Equal(ExecutionMode.Conditional, o.ExecutionMode);
        Assert.Equal(new OutputDeclaration("out", "${{ tasks.t.output }}"), Assert.Single(d.Outputs));
    }

    [Fact]
    public void Unknown_dependencies_are_left_to_the_validator()
    {
        var result = Loads.Yaml("name: x\ntasks:\n  t: { action: noop, dependencies: [a, ghost] }\n  a: { action: noop }\n");

        Assert.Empty(result.Diagnostics);
        var unresolved = Assert.Single(result.Definition!.Tasks.Unresolved);
        Assert.Equal(new UnresolvedDependency(0, 1, "ghost"), unresolved);
        Assert.Equal(["a"], result.Definition.Tasks[0].DependencyIds);
    }

    [Fact]
    public void Sequential_task_without_dependencies_follows_the_one_declared_before()
    {
        var result = Loads.Yaml("name: x\ntasks:\n  a: { action: noop }\n  b: { action: noop, execution_mode: sequential }\n");

        Assert.Equal(["a"], result.Definition!.Tasks[1].DependencyIds);
    }
}
