using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class TaskResolutionTests
{
    [Fact]
    public void Inline_code_binds_the_handler_as_inline()
    {
        var flow = new WorkflowBuilder("w");
        TaskHandler code = _ => TaskResult.Success(1L);
        flow.Task("a", code);

        var task = TestRegistry.Validate(flow.Build()).Tasks[0];

        Assert.Equal("inline", task.ActionName);
        Assert.Same(code, task.Handler);
        Assert.Null(task.Action);
    }

    [Fact]
    public void A_named_handler_resolves_in_the_registry()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", "transform");

        var task = TestRegistry.Validate(flow.Build()).Tasks[0];

        Assert.Equal("transform", task.ActionName);
        Assert.Same(TestRegistry.Handler, task.Handler);
    }

    [Fact]
    public void An_unknown_handler_is_FF1021_with_the_closest_registered_name()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", "transfrom");

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.UnknownHandler);
        Assert.Equal("tasks.a.handler", d.Path);
        Assert.Equal("unknown handler 'transfrom'", d.Message);
        Assert.Equal("did you mean 'transform'?", d.Hint);
        Assert.Null(result.Tasks[0].Handler);
        Assert.Equal("transfrom", result.Tasks[0].ActionName);
    }

    [Fact]
    public void An_unknown_handler_in_an_empty_registry_says_how_to_register_one()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", "transform");

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build(), new Registry.FlowRegistry()), DiagnosticCodes.UnknownHandler);

        Assert.Contains("RegisterHandler(\"transform\"", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_with_neither_action_nor_handler_runs_noop_even_without_a_registered_noop()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a");

        var result = TestRegistry.Validate(flow.Build(), new Registry.FlowRegistry());

        Assert.True(result.IsValid);
        Assert.Equal("noop", result.Tasks[0].ActionName);
        Assert.Equal("noop", result.Tasks[0].Action!.Name);
    }

    [Fact]
    public void A_registered_noop_is_preferred()
    {
        var registry = TestRegistry.Create();
        var noop = new NamedAction("noop");
        registry.RegisterAction(noop);
        var flow = new WorkflowBuilder("w");
        flow.Task("a");

        Assert.Same(noop, TestRegistry.Validate(flow.Build(), registry).Tasks[0].Action);
    }

    [Fact]
    public void An_action_is_prepared_with_the_tasks_id_path_and_reference_checking()
    {
        var registry = TestRegistry.Create();
        var flow = new WorkflowBuilder("w");
        flow.Task("get", new TaskOptions { Action = "fetch", Parameters = new Dictionary<string, object?> { ["url"] = "http://x" } });
        var definition = flow.Build();

        var result = new DefinitionValidator(registry) { CheckReferences = false }.Validate(definition);

        Assert.True(result.IsValid);
        Assert.Equal("prepared:get", result.Tasks[0].Prepared);
        registry.TryLookup<UrlAction>(Registry.ComponentKind.Action, "fetch", out var action);
        Assert.Equal(("get", "tasks.get", false), Assert.Single(action!.Prepared));
    }

    [Fact]
    public void What_an_action_reports_is_kept_at_its_path()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("get", new TaskOptions { Action = "fetch" });

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.InvalidParameter);
        Assert.Equal("tasks.get.parameters.url", d.Path);
        Assert.Equal([0], result.DiagnosticTasks);
    }

    [Fact]
    public void An_action_that_throws_in_Prepare_becomes_FF1024()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { Action = "broken" });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.InvalidParameter);

        Assert.Equal("tasks.a", d.Path);
        Assert.Contains("boom", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_action_is_FF1020_with_the_closest_name()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { Action = "fetsh" });
        flow.Task("b", new TaskOptions { Action = "conditon_check" });

        var result = TestRegistry.Validate(flow.Build());

        var found = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnknownAction).ToList();
        Assert.Equal(2, found.Count);
        Assert.Equal("tasks.a.action", found[0].Path);
        Assert.Equal("unknown action 'fetsh'", found[0].Message);
        Assert.Equal("did you mean 'fetch'?", found[0].Hint);
        Assert.Equal("did you mean 'condition_check'?", found[1].Hint);
    }

    [Fact]
    public void An_unknown_action_without_a_close_name_lists_the_built_ins()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { Action = "zzzzzzzz" });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.UnknownAction);

        Assert.Contains("approval_gate", d.Hint, StringComparison.Ordinal);
        Assert.Contains("handler:", d.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approval_gate", "register the built-in actions")]
    [InlineData("workflow_trigger", "register the built-in actions")]
    [InlineData("exec", "AllowExec")]
    [InlineData("file_operation", "FileRoot")]
    public void A_built_in_action_missing_from_the_registry_is_FF1025_saying_why(string action, string hint)
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { Action = action });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.ActionUnavailable);

        Assert.Equal("tasks.a.action", d.Path);
        Assert.Contains($"'{action}' is not available", d.Message, StringComparison.Ordinal);
        Assert.Contains(hint, d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Exec_enabled_but_not_registered_points_at_the_registry()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { Action = "exec" });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build(), options: new FlowEngineOptions { AllowExec = true }), DiagnosticCodes.ActionUnavailable);

        Assert.Contains("registry", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_action_and_handler_is_FF1023()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { Action = "fetch", Handler = "transform" });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.ActionOrHandler);

        Assert.Equal("tasks.a", d.Path);
        Assert.Contains("both action 'fetch' and handler 'transform'", d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Hint);
    }

    [Fact]
    public void Inline_code_and_a_named_action_is_FF1023()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", TestRegistry.Handler).Action("fetch");

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.ActionOrHandler);

        Assert.Equal("tasks.a.action", d.Path);
        Assert.Contains("inline code and also names action 'fetch'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compensation_resolves_and_is_prepared_at_its_own_path()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", "transform").Compensation(new CompensationDefinition { Action = "fetch" });
        flow.Task("b", "transform").Compensation(new CompensationDefinition { Handler = "load_rows" });
        flow.Task("c", "transform").Compensation(new CompensationDefinition { Handler = "lod_rows" });
        flow.Task("d", "transform").Compensation(new CompensationDefinition());

        var result = TestRegistry.Validate(flow.Build());

        Assert.Equal("tasks.a.compensation.parameters.url", Diagnostics.Single(result, DiagnosticCodes.InvalidParameter).Path);
        Assert.Equal("fetch", result.Tasks[0].Compensation!.Name);
        Assert.Same(TestRegistry.Handler, result.Tasks[1].Compensation!.Handler);
        var unknown = Diagnostics.Single(result, DiagnosticCodes.UnknownHandler);
        Assert.Equal("tasks.c.compensation.handler", unknown.Path);
        Assert.Equal("did you mean 'load_rows'?", unknown.Hint);
        Assert.Equal("tasks.d.compensation", Diagnostics.Single(result, DiagnosticCodes.ActionOrHandler).Path);
    }

    [Fact]
    public void Conditional_execution_mode_without_a_condition_is_FF1041()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { ExecutionMode = ExecutionMode.Conditional });
        flow.Task("b", new TaskOptions { ExecutionMode = ExecutionMode.Conditional, Conditions = ["true"] });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.ConditionalWithoutCondition);

        Assert.Equal("tasks.a.execution_mode", d.Path);
        Assert.Contains("'a'", d.Message, StringComparison.Ordinal);
        Assert.Contains("when:", d.Hint, StringComparison.Ordinal);
    }
}
