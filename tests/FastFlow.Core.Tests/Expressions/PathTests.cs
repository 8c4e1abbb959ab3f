using FastFlow.Expressions;

namespace FastFlow.Core.Tests.Expressions;

public sealed class PathTests
{
    private static TestContext Sample() => new TestContext()
        .Input("n", 5L)
        .Input("name", "Ada")
        .Input("items", new List<object?> { "a", "b", new Dictionary<string, object?> { ["deep"] = 1L } })
        .Input("map", new Dictionary<string, object?> { ["key"] = "v", ["with space"] = 2L, ["nil"] = null, ["in"] = "kw" })
        .Output("extract", new Dictionary<string, object?> { ["rows"] = 10L, ["data"] = new Dictionary<string, object?> { ["list"] = new List<object?> { 1L, 2L } } })
        .Output("my-task", "plain")
        .Output("a.b", new Dictionary<string, object?> { ["x"] = true })
        .Status("extract", FlowTaskStatus.Completed)
        .Status("my-task", FlowTaskStatus.InProgress);

    [Theory]
    [InlineData("inputs.n", 5L)]
    [InlineData("inputs['name']", "Ada")]
    [InlineData("inputs.items[0]", "a")]
    [InlineData("inputs.items[-1].deep", 1L)]
    [InlineData("inputs.items[2]['deep']", 1L)]
    [InlineData("inputs.map.key", "v")]
    [InlineData("inputs.map['with space']", 2L)]
    [InlineData("inputs.map.in", "kw")]
    [InlineData("inputs.items[inputs.n - 4]", "b")]
    [InlineData("inputs.items[1.0]", "b")]
    [InlineData("inputs.map[inputs.items[0] + 'ey'] ", null)]
    [InlineData("inputs.map['k' + 'ey']", "v")]
    [InlineData("tasks.extract.output.rows", 10L)]
    [InlineData("tasks.extract.output.data.list[1]", 2L)]
    [InlineData("tasks['extract'].output['rows']", 10L)]
    [InlineData("tasks.my-task.output", "plain")]
    [InlineData("tasks['a.b'].output.x", true)]
    [InlineData("tasks.extract.status", "completed")]
    [InlineData("tasks.my-task.status", "in_progress")]
    [InlineData("tasks.load.status", "pending")]
    [InlineData("run.id", "run-1")]
    [InlineData("run.workflow_id", "wf")]
    [InlineData("(inputs.items)[1]", "b")]
    public void Paths_read_inputs_outputs_statuses_and_run(string text, object? expected) =>
        Assert.Equal(expected, Expr.Eval(text, Sample()));

    [Theory]
    [InlineData("inputs.missing")]
    [InlineData("inputs.items[3]")]
    [InlineData("inputs.items[-4]")]
    [InlineData("inputs.items.key")]
    [InlineData("inputs.items[1.5]")]
    [InlineData("inputs.items[true]")]
    [InlineData("inputs.map[0]")]
    [InlineData("inputs.map.nope.deeper[2]")]
    [InlineData("inputs.name.length")]
    [InlineData("inputs.n[0]")]
    [InlineData("tasks.load.output")]
    [InlineData("tasks.load.output.rows")]
    [InlineData("tasks.my-task.output.x")]
    [InlineData("context.anything")]
    public void A_missing_path_is_null_not_an_error(string text) =>
        Assert.Null(Expr.Eval(text, Sample()));

    [Fact]
    public void Context_and_params_are_read_by_name()
    {
        var context = Sample();
        context.Context["stage"] = "prod";
        context.Params["size"] = 3L;

        Assert.Equal("prod", Expr.Eval("context.stage", context));
        Assert.Equal(3L, Expr.Eval("params.size", context));
    }

    [Fact]
    public void Task_ids_with_dashes_lex_as_one_id_after_tasks_only()
    {
        var context = Sample().Input("x", 1L);

        // After 'tasks.' the dash belongs to the id; elsewhere it is a minus.
        Assert.Equal("plain", Expr.Eval("tasks.my-task.output", context));
        Assert.Equal(4L, Expr.Eval("inputs.n-inputs.x", context));
        Assert.Equal(9L, Expr.Eval("tasks.extract.output.rows-1", context));
    }

    [Fact]
    public void Exists_is_true_for_present_keys_even_when_null()
    {
        var context = Sample();

        Assert.True(Expr.Condition("exists(inputs.n)", context));
        Assert.True(Expr.Condition("exists(inputs.map.nil)", context));
        Assert.Null(Expr.Eval("inputs.map.nil", context));
        Assert.False(Expr.Condition("exists(inputs.map.none)", context));
        Assert.False(Expr.Condition("exists(inputs.missing)", context));
        Assert.True(Expr.Condition("exists(inputs.items[-1])", context));
        Assert.False(Expr.Condition("exists(inputs.items[9])", context));
        Assert.True(Expr.Condition("exists(tasks.extract.output.rows)", context));
        Assert.False(Expr.Condition("exists(tasks.load.output)", context));
        Assert.True(Expr.Condition("exists(tasks.load.status)", context));
        Assert.True(Expr.Condition("exists(run.id)", context));
        Assert.True(Expr.Condition("!exists(context.x)", context));
    }

    [Fact]
    public void Outputs_that_are_not_plain_data_are_read_through_normalization()
    {
        var context = new TestContext().Output("extract", new { Rows = 3, Names = new[] { "x" } });

        Assert.Equal(3L, Expr.Eval("tasks.extract.output.Rows", context));
        Assert.Equal("x", Expr.Eval("tasks.extract.output.Names[0]", context));
        Assert.Equal(3L, Expr.Eval("tasks.extract.output", new TestContext().Output("extract", 3)));
    }

    [Fact]
    public void References_are_bound_to_task_indices_at_compile_time()
    {
        var compiled = Expr.Compile("tasks.load.status == 'completed' && tasks.extract.output.rows > tasks.load.output.min");

        Assert.Equal([2, 0], compiled.ReferencedTasks);
        Assert.False(compiled.IsConstant);
    }

    [Theory]
    [InlineData("1 + 2 == 3", true)]
    [InlineData("len('abc')", true)]
    [InlineData("inputs.n", false)]
    [InlineData("run.id", false)]
    [InlineData("context.x", false)]
    [InlineData("exists(params.p)", false)]
    public void IsConstant_means_no_reference_at_all(string text, bool constant)
    {
        var compiled = Expr.Compile(text);

        Assert.Equal(constant, compiled.IsConstant);
        Assert.Empty(compiled.ReferencedTasks);
    }

    [Fact]
    public void An_expression_wrapped_in_a_template_compiles_as_the_expression()
    {
        var compiled = Expr.Compile("  ${{ inputs.n > 3 }} ");

        Assert.True(compiled.EvaluateCondition(Sample()));
        Assert.Equal("  ${{ inputs.n > 3 }} ", compiled.Text);
    }

    [Fact]
    public void The_same_compiled_expression_serves_many_contexts()
    {
        var compiled = Expr.Compile("inputs.n * 2");

        Assert.Equal(10L, compiled.Evaluate(Sample()));
        Assert.Equal(4L, compiled.Evaluate(new TestContext().Input("n", 2L)));
        Assert.Equal("inputs.n * 2", compiled.Text);
        Assert.Equal("inputs.n * 2", compiled.ToString());
    }

    [Fact]
    public void Scope_for_a_definition_binds_its_tasks_and_inputs()
    {
        var builder = new FastFlow.Definitions.WorkflowBuilder("wf");
        builder.Task("first");
        builder.Task("second");
        builder.Input("size");
        var scope = ExpressionScope.ForDefinition(builder.Build());
        var diagnostics = new List<FastFlow.Validation.Diagnostic>();

        var compiled = ExpressionCompiler.Compile("tasks.second.output.x > inputs.size", scope, "p", diagnostics);

        Assert.NotNull(compiled);
        Assert.Equal([1], compiled.ReferencedTasks);
        Assert.Null(ExpressionCompiler.Compile("inputs.other", scope, "p", diagnostics));
        Assert.Equal(FastFlow.Validation.DiagnosticCodes.UndeclaredInput, Assert.Single(diagnostics).Code);
    }
}
