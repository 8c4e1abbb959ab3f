using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Expressions;

public sealed class CompiledValueTests
{
    private static TestContext Sample() => new TestContext()
        .Input("n", 5L)
        .Input("name", "Ada")
        .Output("extract", new Dictionary<string, object?> { ["rows"] = new List<object?> { 1L, 2L } });

    private static CompiledValue Compile(object? raw)
    {
        var diagnostics = new List<Diagnostic>();
        var value = ExpressionCompiler.CompileValue(raw, Expr.Scope, "tasks.t.parameters", diagnostics);
        Assert.Empty(diagnostics);
        return value!;
    }

    [Fact]
    public void Templates_at_any_depth_are_rendered_and_constant_subtrees_are_shared()
    {
        var headers = new Dictionary<string, object?> { ["accept"] = "application/json" };
        var raw = new Dictionary<string, object?>
        {
            ["url"] = "https://x.test/${{ inputs.name }}",
            ["count"] = "${{ inputs.n }}",
            ["headers"] = headers,
            ["rows"] = new List<object?> { "${{ tasks.extract.output.rows[1] }}", 3L, null },
            ["flag"] = true,
        };
        var compiled = Compile(raw);

        var first = Assert.IsType<Dictionary<string, object?>>(compiled.Resolve(Sample()));
        var second = Assert.IsType<Dictionary<string, object?>>(compiled.Resolve(Sample()));

        Assert.False(compiled.IsConstant);
        Assert.Equal(["url", "count", "headers", "rows", "flag"], first.Keys);
        Assert.Equal("https://x.test/Ada", first["url"]);
        Assert.Equal(5L, first["count"]);
        Assert.Same(headers, first["headers"]);
        Assert.Equal(new List<object?> { 2L, 3L, null }, first["rows"]);
        Assert.Equal(true, first["flag"]);
        Assert.NotSame(first, second);
        Assert.Same(first["headers"], second["headers"]);
        Assert.Equal([0], compiled.ReferencedTasks);
        Assert.Equal("https://x.test/${{ inputs.name }}", raw["url"]);
    }

    [Fact]
    public void A_tree_without_templates_is_constant_and_resolves_to_itself()
    {
        var raw = new Dictionary<string, object?> { ["a"] = new List<object?> { "x", 1L }, ["b"] = null };
        var compiled = Compile(raw);

        Assert.True(compiled.IsConstant);
        Assert.Same(raw, compiled.Resolve(Sample()));
        Assert.Empty(compiled.ReferencedTasks);
    }

    [Fact]
    public void Escapes_make_a_constant_copy_once()
    {
        var raw = new Dictionary<string, object?> { ["text"] = "price $${{ x }}", ["other"] = new List<object?> { "$${{" } };
        var compiled = Compile(raw);

        var first = Assert.IsType<Dictionary<string, object?>>(compiled.Resolve(Sample()));

        Assert.True(compiled.IsConstant);
        Assert.NotSame(raw, first);
        Assert.Same(first, compiled.Resolve(Sample()));
        Assert.Equal("price ${{ x }}", first["text"]);
        Assert.Equal(new List<object?> { "${{" }, first["other"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3L)]
    [InlineData("plain")]
    public void Scalars_are_constant(object? raw)
    {
        var compiled = Compile(raw);

        Assert.True(compiled.IsConstant);
        Assert.Equal(raw, compiled.Resolve(Sample()));
    }

    [Fact]
    public void A_lone_string_template_resolves_to_a_typed_value() =>
        Assert.Equal(new List<object?> { 1L, 2L }, Compile("${{ tasks.extract.output.rows }}").Resolve(Sample()));

    [Fact]
    public void Values_that_are_not_plain_are_normalized_first()
    {
        IReadOnlyDictionary<string, object?> raw = new SortedDictionary<string, object?> { ["n"] = 3, ["t"] = "${{ inputs.n }}" }.AsReadOnly();

        var resolved = Assert.IsType<Dictionary<string, object?>>(Compile(raw).Resolve(Sample()));

        Assert.Equal(3L, resolved["n"]);
        Assert.Equal(5L, resolved["t"]);
    }

    [Fact]
    public void Every_error_is_reported_at_its_nested_path()
    {
        var raw = new Dictionary<string, object?>
        {
            ["ok"] = "${{ inputs.n }}",
            ["bad"] = "${{ tasks.nope.output }}",
            ["list"] = new List<object?> { "fine", new Dictionary<string, object?> { ["deep"] = "${{ 1 + }}" } },
            ["open"] = "${{ inputs.n",
        };
        var diagnostics = new List<Diagnostic>();

        Assert.Null(ExpressionCompiler.CompileValue(raw, Expr.Scope, "tasks.t.parameters", diagnostics));

        Assert.Equal(
            [
                ("tasks.t.parameters.bad", DiagnosticCodes.UnknownTaskReference),
                ("tasks.t.parameters.list[1].deep", DiagnosticCodes.ExpressionSyntax),
                ("tasks.t.parameters.open", DiagnosticCodes.TemplateSyntax),
            ],
            diagnostics.Select(d => (d.Path, d.Code)));
        Assert.Equal("${{ 1 + }}", diagnostics[1].Expression);
        Assert.Equal(9, diagnostics[1].ExpressionColumn);
    }

    [Fact]
    public void Resolving_reports_evaluation_errors()
    {
        var compiled = Compile(new Dictionary<string, object?> { ["x"] = "${{ len(inputs.n) }}" });

        Assert.Throws<ExpressionEvaluationException>(() => compiled.Resolve(Sample()));
    }
}
