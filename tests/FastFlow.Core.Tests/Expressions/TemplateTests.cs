using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Expressions;

public sealed class TemplateTests
{
    private static TestContext Sample() => new TestContext()
        .Input("n", 5L)
        .Input("f", 2.0)
        .Input("name", "Ada")
        .Input("flag", true)
        .Input("items", new List<object?> { 1L, "x" })
        .Input("map", new Dictionary<string, object?> { ["k"] = "é" })
        .Output("extract", new Dictionary<string, object?> { ["rows"] = 7L });

    private static CompiledTemplate Compile(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var template = ExpressionCompiler.CompileTemplate(text, Expr.Scope, "tasks.t.parameters.q", diagnostics);
        Assert.Empty(diagnostics);
        return template!;
    }

    private static Diagnostic Error(string text)
    {
        var diagnostics = new List<Diagnostic>();
        Assert.Null(ExpressionCompiler.CompileTemplate(text, Expr.Scope, "tasks.t.parameters.q", diagnostics));
        var error = Assert.Single(diagnostics);
        Assert.Equal("tasks.t.parameters.q", error.Path);
        Assert.Equal(text, error.Expression);
        return error;
    }

    [Theory]
    [InlineData("${{ inputs.n }}", 5L)]
    [InlineData("  ${{inputs.f}}\n", 2.0)]
    [InlineData("${{ inputs.flag }}", true)]
    [InlineData("${{ inputs.missing }}", null)]
    [InlineData("${{ tasks.extract.output.rows + 1 }}", 8L)]
    [InlineData("${{ inputs.name }}", "Ada")]
    public void A_lone_template_keeps_the_type_of_its_value(string text, object? expected)
    {
        var value = Compile(text).Render(Sample());

        Assert.Equal(expected, value);
        Assert.Equal(expected?.GetType(), value?.GetType());
    }

    [Fact]
    public void A_lone_template_of_a_list_returns_the_list_itself()
    {
        var context = Sample();

        Assert.Same(context.Inputs["items"], Compile("${{ inputs.items }}").Render(context));
    }

    [Theory]
    [InlineData("select * from ${{ inputs.name }}", "select * from Ada")]
    [InlineData("n=${{ inputs.n }}, f=${{ inputs.f }}, ok=${{ inputs.flag }}", "n=5, f=2.0, ok=true")]
    [InlineData("[${{ inputs.missing }}]", "[]")]
    [InlineData("${{ inputs.items }} and ${{ inputs.map }}", "[1,\"x\"] and {\"k\":\"é\"}")]
    [InlineData("${{ 1 / 4 }}${{ 10 }}", "0.2510")]
    [InlineData("x ${{ inputs.n }}", "x 5")]
    [InlineData("${{ inputs.n }}.", "5.")]
    [InlineData("${{ '}}' }} closes after the string", "}} closes after the string")]
    [InlineData("${{ \"a\\\"}}\" }}", "a\"}}")]
    [InlineData("{{ not a template }} $ {{ }} $", "{{ not a template }} $ {{ }} $")]
    [InlineData("${{ tasks.extract.status }}/${{ run.id }}", "pending/run-1")]
    public void Other_templates_interpolate_into_a_string(string text, string expected) =>
        Assert.Equal(expected, Compile(text).Render(Sample()));

    [Fact]
    public void A_dollar_before_the_opening_escapes_it()
    {
        var template = Compile("literal $${{ inputs.n }} and ${{ inputs.n }}");

        Assert.False(template.IsConstant);
        Assert.Equal("literal ${{ inputs.n }} and 5", template.Render(Sample()));
    }

    [Fact]
    public void Text_without_a_part_is_constant()
    {
        var plain = Compile("just text");
        var escaped = Compile("cost: $${{ price }}");

        Assert.True(plain.IsConstant);
        Assert.Equal("just text", plain.Render(Sample()));
        Assert.True(escaped.IsConstant);
        Assert.Equal("cost: ${{ price }}", escaped.Render(Sample()));
        Assert.Empty(escaped.ReferencedTasks);
    }

    [Fact]
    public void Referenced_tasks_are_collected_from_every_part()
    {
        var template = Compile("${{ tasks.load.output }}-${{ tasks.extract.status }}-${{ tasks.load.status }}");

        Assert.Equal([2, 0], template.ReferencedTasks);
        Assert.False(template.IsConstant);
        Assert.Equal("${{ tasks.load.output }}-${{ tasks.extract.status }}-${{ tasks.load.status }}", template.Text);
    }

    [Theory]
    [InlineData("select ${{ inputs.name", 8)]
    [InlineData("${{", 1)]
    [InlineData("a ${{ inputs.n }} b ${{ 'x }}", 21)]
    [InlineData("${{ inputs.n }", 1)]
    public void An_unclosed_opening_is_a_template_error_at_its_column(string text, int column)
    {
        var error = Error(text);

        Assert.Equal(DiagnosticCodes.TemplateSyntax, error.Code);
        Assert.Equal(column, error.ExpressionColumn);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void An_unclosed_quote_is_named_in_the_hint() =>
        Assert.Equal("the quote at column 5 is not closed, so the '}}' after it is part of a string", Error("${{ 'x }}").Hint);

    [Theory]
    [InlineData("${{ }}", 1)]
    [InlineData("ab ${{    }}", 4)]
    public void An_empty_part_is_a_template_error(string text, int column)
    {
        var error = Error(text);

        Assert.Equal(DiagnosticCodes.TemplateSyntax, error.Code);
        Assert.Equal(column, error.ExpressionColumn);
    }

    [Theory]
    [InlineData("rows: ${{ inputs.n > }}", DiagnosticCodes.ExpressionSyntax, 22)]
    [InlineData("rows: ${{ tasks.extrct.output }}", DiagnosticCodes.UnknownTaskReference, 17)]
    [InlineData("x${{ inputs.nn }}", DiagnosticCodes.UndeclaredInput, 13)]
    public void Errors_inside_a_part_have_their_column_in_the_whole_template(string text, string code, int column)
    {
        var error = Error(text);

        Assert.Equal(code, error.Code);
        Assert.Equal(column, error.ExpressionColumn);
    }

    [Fact]
    public void Errors_in_several_parts_are_all_reported()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(ExpressionCompiler.CompileTemplate("${{ tasks.nope.output }} and ${{ foo }} and ${{ 1 + }}", Expr.Scope, "p", diagnostics));

        Assert.Equal(
            [DiagnosticCodes.UnknownTaskReference, DiagnosticCodes.UnknownReference, DiagnosticCodes.ExpressionSyntax],
            diagnostics.Select(d => d.Code));
    }

    [Theory]
    [InlineData("${{ x }}", true)]
    [InlineData("a $${{ x }}", true)]
    [InlineData("{{ x }}", false)]
    [InlineData("$ {{", false)]
    [InlineData("", false)]
    public void ContainsTemplate_finds_the_opening(string text, bool expected) =>
        Assert.Equal(expected, ExpressionCompiler.ContainsTemplate(text));

    [Fact]
    public void Compile_reports_an_unclosed_template_around_an_expression()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(ExpressionCompiler.Compile("${{ inputs.n > 1", Expr.Scope, "when", diagnostics));

        Assert.Equal(DiagnosticCodes.TemplateSyntax, Assert.Single(diagnostics).Code);
    }
}
