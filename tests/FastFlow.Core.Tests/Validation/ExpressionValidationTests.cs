using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class ExpressionValidationTests
{
    private static Dictionary<string, object?> Parameters(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public void Conditions_and_parameters_are_compiled_into_the_bound_task()
    {
        var flow = new WorkflowBuilder("w").Input("n", InputType.Integer);
        flow.Task("extract");
        flow.Task("load", new TaskOptions
        {
            When = "inputs.n > 0",
            Conditions = ["tasks.extract.status == 'completed'"],
            Parameters = Parameters(("rows", "${{ tasks.extract.output }}"), ("fixed", 3L)),
        }).DependsOn("extract");

        var result = TestRegistry.Validate(flow.Build());

        Assert.True(result.IsValid, Diagnostics.Describe(result));
        var load = result.Tasks[1];
        Assert.Equal(["inputs.n > 0", "tasks.extract.status == 'completed'"], load.Conditions!.Select(c => c.Text));
        Assert.False(load.Parameters!.IsConstant);
        Assert.Equal([0], load.ReferencedTasks);
        Assert.Null(result.Tasks[0].Conditions);
        Assert.Null(result.Tasks[0].Parameters);
    }

    [Fact]
    public void A_when_that_does_not_parse_is_FF1030_with_its_column()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { When = "inputs.x > " });

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.ExpressionSyntax);
        Assert.Equal("tasks.a.when", d.Path);
        Assert.Equal("inputs.x > ", d.Expression);
        Assert.Equal(12, d.ExpressionColumn);
        Assert.Null(result.Tasks[0].Conditions);
        Assert.Equal([0], result.DiagnosticTasks);
    }

    [Fact]
    public void A_null_condition_is_FF1003()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { Conditions = ["true", null!] });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.WrongType);

        Assert.Equal("tasks.a.conditions[1]", d.Path);
        Assert.Equal("a condition must be an expression, not null", d.Message);
        Assert.Contains("inputs.count > 0", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_condition_is_reported_at_its_index()
    {
        var flow = new WorkflowBuilder("w").Input("n");
        flow.Task("a", new TaskOptions { Conditions = ["inputs.n > 1", "inputs.m > 1", "(1"] });

        var result = TestRegistry.Validate(flow.Build());

        var undeclared = Diagnostics.Single(result, DiagnosticCodes.UndeclaredInput);
        Assert.Equal("tasks.a.conditions[1]", undeclared.Path);
        Assert.Equal(8, undeclared.ExpressionColumn);
        Assert.Equal("tasks.a.conditions[2]", Diagnostics.Single(result, DiagnosticCodes.ExpressionSyntax).Path);
    }

    [Fact]
    public void A_broken_template_parameter_is_FF1031_and_an_unknown_task_FF1032()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("extract");
        flow.Task("load", new TaskOptions
        {
            Parameters = Parameters(("url", "http://x/${{ inputs.path"), ("rows", "${{ tasks.extrct.output }}")),
        }).DependsOn("extract");

        var result = TestRegistry.Validate(flow.Build());

        var template = Diagnostics.Single(result, DiagnosticCodes.TemplateSyntax);
        Assert.Equal("tasks.load.parameters.url", template.Path);
        Assert.True(template.ExpressionColumn > 0);
        var unknown = Diagnostics.Single(result, DiagnosticCodes.UnknownTaskReference);
        Assert.Equal("tasks.load.parameters.rows", unknown.Path);
        Assert.Equal("did you mean 'extract'?", unknown.Hint);
        Assert.Null(result.Tasks[1].Parameters);
    }

    [Fact]
    public void Parameter_paths_quote_keys_as_the_loader_does_and_locate_in_the_source()
    {
        var loaded = DefinitionLoader.Load(
            """
            id: w
            tasks:
              step.1:
                action: noop
                parameters:
                  a b:
                    - fixed
                    - nested:
                        c.d: "${{ tasks.nope.output }}"
            """,
            DefinitionFormat.Yaml,
            "test.yaml");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));

        var result = TestRegistry.Validate(loaded.Definition!);

        var unknown = Diagnostics.Single(result, DiagnosticCodes.UnknownTaskReference);
        Assert.Equal("tasks[\"step.1\"].parameters[\"a b\"][1].nested[\"c.d\"]", unknown.Path);
        Assert.Equal((9, 18), (unknown.Line, unknown.Column));
    }

    [Fact]
    public void Identical_texts_compile_once_and_every_broken_one_is_reported_at_its_task()
    {
        var flow = new WorkflowBuilder("w").Input("mode", InputType.String);
        flow.Task("a");
        for (var i = 0; i < 3; i++)
        {
            flow.Task("ok" + i, new TaskOptions
            {
                When = "inputs.mode == 'full'",
                Parameters = Parameters(("rows", "${{ tasks.a.output.rows }}")),
            }).DependsOn("a");
        }

        flow.Task("bad0", new TaskOptions { When = "inputs.mode ==" });
        flow.Task("bad1", new TaskOptions { When = "inputs.mode ==" });

        var result = TestRegistry.Validate(flow.Build());

        var ok = result.Tasks[1..4];
        Assert.All(ok, t => Assert.Same(ok[0].Conditions![0], t.Conditions![0]));
        Assert.Equal([0], ok[2].ReferencedTasks);
        Assert.Equal(
            ["tasks.bad0.when", "tasks.bad1.when"],
            result.Diagnostics.Where(d => d.Code == DiagnosticCodes.ExpressionSyntax).Select(d => d.Path));
    }

    [Fact]
    public void Anonymous_tasks_are_referred_to_by_their_index_name()
    {
        var flow = new WorkflowBuilder("w");
        var first = flow.Task(TestRegistry.Handler);
        flow.Task("b", new TaskOptions { When = "tasks.task-0.status == 'completed'" }).DependsOn(first);

        var result = TestRegistry.Validate(flow.Build());

        Assert.True(result.IsValid, Diagnostics.Describe(result));
        Assert.Equal([0], result.Tasks[1].ReferencedTasks);
    }

    [Fact]
    public void Compensation_parameters_are_compiled_and_may_read_the_task_itself()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("book", new TaskOptions
        {
            Handler = "transform",
            Compensation = new CompensationDefinition { Handler = "load_rows", Parameters = Parameters(("id", "${{ tasks.book.output.id }}")) },
        });
        flow.Task("pay", new TaskOptions
        {
            Handler = "transform",
            Compensation = new CompensationDefinition { Handler = "load_rows", Parameters = Parameters(("id", "${{ tasks.bok.output.id }}")) },
        });

        var result = TestRegistry.Validate(flow.Build());

        Assert.Equal("tasks.pay.compensation.parameters.id", Diagnostics.Single(result, DiagnosticCodes.UnknownTaskReference).Path);
        Assert.Equal([0], result.Tasks[0].Compensation!.Parameters!.ReferencedTasks);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.OutputNotUpstream);
    }

    [Fact]
    public void Outputs_compile_as_templates_at_their_path()
    {
        var flow = new WorkflowBuilder("w")
            .Output("rows", "${{ tasks.load.output.rows }}")
            .Output("label", "done")
            .Output("broken", "${{ tasks.lod.output }}");
        flow.Task("load");

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.UnknownTaskReference);
        Assert.Equal("outputs.broken", d.Path);
        Assert.Equal("did you mean 'load'?", d.Hint);
        Assert.Equal([-1], result.DiagnosticTasks);
        Assert.Equal(3, result.Outputs.Length);
        Assert.Equal([0], result.Outputs[0]!.ReferencedTasks);
        Assert.NotNull(result.Outputs[1]);
        Assert.Null(result.Outputs[2]);
    }

    [Fact]
    public void Reading_a_task_that_is_not_upstream_is_an_FF1036_warning()
    {
        var flow = new WorkflowBuilder("w");
        var extract = flow.Task("extract");
        var audit = flow.Task("audit").DependsOn(extract);
        flow.Task("load", new TaskOptions { Parameters = Parameters(("n", "${{ tasks.audit.output }}")) }).DependsOn(extract);
        flow.Task("report", new TaskOptions { When = "true", Conditions = ["tasks.late.status == 'completed'"] }).DependsOn(audit);
        flow.Task("late").DependsOn("report");

        var result = TestRegistry.Validate(flow.Build());

        var found = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.OutputNotUpstream).ToList();
        Assert.Equal(["tasks.load.parameters", "tasks.report.conditions[0]"], found.Select(d => d.Path));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("reads tasks.audit, but 'audit' is not among its dependencies", found[0].Message, StringComparison.Ordinal);
        Assert.Equal("add 'audit' to the dependencies of 'load'", found[0].Hint);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Reading_a_transitive_dependency_is_fine()
    {
        var flow = new WorkflowBuilder("w");
        var a = flow.Task("a");
        var b = flow.Task("b").DependsOn(a);
        var side = flow.Task("side").DependsOn(a);
        var c = flow.Task("c").DependsOn(b, side);
        flow.Task("d", new TaskOptions { When = "tasks.a.output != null && tasks.side.status == 'completed'" }).DependsOn(c);

        var result = TestRegistry.Validate(flow.Build());

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Reading_itself_is_an_FF1036_warning_at_the_when()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { When = "tasks.a.status == 'completed'" });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.OutputNotUpstream);

        Assert.Equal("tasks.a.when", d.Path);
        Assert.Contains("its own result", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_is_always_false_is_an_FF1040_warning_that_propagates()
    {
        var flow = new WorkflowBuilder("w");
        var off = flow.Task("off", new TaskOptions { Conditions = ["true", "1 > 2"] });
        var next = flow.Task("next").DependsOn(off);
        var after = flow.Task("after").DependsOn(next);
        flow.Task("tolerant", new TaskOptions { TriggerRule = TriggerRule.NoneFailed }).DependsOn(after);
        flow.Task("always", new TaskOptions { TriggerRule = TriggerRule.AllDone }).DependsOn(after);
        var on = flow.Task("on");
        flow.Task("either", new TaskOptions { TriggerRule = TriggerRule.OneSuccess }).DependsOn(after, on);
        flow.Task("neither", new TaskOptions { TriggerRule = TriggerRule.OneSuccess }).DependsOn(off, next);

        var result = TestRegistry.Validate(flow.Build());

        var found = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.NeverRuns).ToList();
        // In run order: 'neither' becomes ready after 'after'.
        Assert.Equal(["tasks.off.conditions[1]", "tasks.next", "tasks.after", "tasks.neither"], found.Select(d => d.Path));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal("task 'off' can never run: its condition '1 > 2' is always false", found[0].Message);
        Assert.Equal("task 'next' can never run: it needs 'off', which never runs (trigger_rule all_success)", found[1].Message);
        Assert.Contains("none of its dependencies ever runs", found[3].Message, StringComparison.Ordinal);
        Assert.Contains("none_failed", found[1].Hint, StringComparison.Ordinal);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void A_constant_true_or_input_dependent_condition_is_not_FF1040()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a", new TaskOptions { When = "1 < 2" });
        flow.Task("b", new TaskOptions { When = "inputs.go == true" });
        flow.Task("c", new TaskOptions { When = "false" });

        var result = TestRegistry.Validate(flow.Build());

        Assert.Equal("tasks.c.when", Diagnostics.Single(result, DiagnosticCodes.NeverRuns).Path);
    }

    [Fact]
    public void Shared_options_with_a_false_condition_warn_for_each_task()
    {
        var options = new TaskOptions { When = "false" };
        var flow = new WorkflowBuilder("w");
        flow.Task("a", options);
        flow.Task("b", options);

        var result = TestRegistry.Validate(flow.Build());

        Assert.Same(result.Tasks[0], result.Tasks[1]);
        Assert.Equal(["tasks.a.when", "tasks.b.when"], result.Diagnostics.Where(d => d.Code == DiagnosticCodes.NeverRuns).Select(d => d.Path));
    }
}
