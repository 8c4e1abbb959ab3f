using FastFlow.Validation;

namespace FastFlow.Core.Tests.Expressions;

public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("inputs.x > ", 12)]
    [InlineData("inputs.x >", 11)]
    [InlineData("(1 + 2", 7)]
    [InlineData("1 + * 2", 5)]
    [InlineData("", 1)]
    [InlineData("   ", 4)]
    [InlineData("inputs.n = 1", 10)]
    [InlineData("a & b", 3)]
    [InlineData("a | b", 3)]
    [InlineData("1 @ 2", 3)]
    [InlineData("'unterminated", 1)]
    [InlineData("1 == \"open", 6)]
    [InlineData("'bad \\q escape'", 6)]
    [InlineData("'\\u12'", 2)]
    [InlineData("1.", 3)]
    [InlineData("1e+", 4)]
    [InlineData("inputs.", 8)]
    [InlineData("inputs.items[0", 15)]
    [InlineData("inputs.items[0 1]", 16)]
    [InlineData("len(1, ", 8)]
    [InlineData("len(1 2)", 7)]
    [InlineData("1 2", 3)]
    [InlineData("1 < 2 < 3", 7)]
    [InlineData("1 == 1 != 2", 8)]
    [InlineData("inputs.x not 3", 14)]
    [InlineData(")", 1)]
    [InlineData("tasks.", 7)]
    [InlineData("tasks.a.", 9)]
    [InlineData("inputs[3]", 8)]
    [InlineData("!", 2)]
    [InlineData("1 +", 4)]
    public void Syntax_errors_point_at_the_exact_column(string text, int column)
    {
        var error = Expr.Error(text);

        Assert.Equal(DiagnosticCodes.ExpressionSyntax, error.Code);
        Assert.Equal(column, error.ExpressionColumn);
    }

    [Fact]
    public void A_missing_operand_says_what_it_follows()
    {
        var error = Expr.Error("inputs.x > ");

        Assert.Equal("expected a value after '>' but the expression ends", error.Message);
        Assert.Contains("^", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_escape_lists_the_known_ones() =>
        Assert.Equal(
            "unknown escape '\\q'; known: \\\\ \\' \\\" \\n \\r \\t \\b \\f \\0 \\/ and \\u with four hexadecimal digits (\\u00e9 is é)",
            Expr.Error("'bad \\q escape'").Message);

    [Fact]
    public void An_unclosed_parenthesis_names_where_it_opened() =>
        Assert.Equal("missing ')' to close the '(' at column 1", Expr.Error("(1 + 2").Message);

    [Fact]
    public void Unknown_task_suggests_the_closest_id()
    {
        var error = Expr.Error("tasks.extrct.output");

        Assert.Equal(DiagnosticCodes.UnknownTaskReference, error.Code);
        Assert.Equal(7, error.ExpressionColumn);
        Assert.Equal("unknown task 'extrct'", error.Message);
        Assert.Equal("did you mean 'extract'?", error.Hint);
    }

    [Fact]
    public void Unknown_task_without_a_close_id_lists_the_tasks()
    {
        var error = Expr.Error("tasks['zzzzzzzz'].status == 'completed'");

        Assert.Equal(DiagnosticCodes.UnknownTaskReference, error.Code);
        Assert.Equal(7, error.ExpressionColumn);
        Assert.StartsWith("tasks: extract, transform", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_input_suggests_the_closest_declared_one()
    {
        var error = Expr.Error("inputs.bach_size > 0");

        Assert.Equal(DiagnosticCodes.UndeclaredInput, error.Code);
        Assert.Equal(8, error.ExpressionColumn);
        Assert.Equal("did you mean 'batch_size'?", error.Hint);
    }

    [Fact]
    public void Any_input_is_allowed_when_none_are_declared() =>
        Assert.NotNull(Expr.Compile("inputs.whatever > 0", Expr.Open));

    [Theory]
    [InlineData("contians(inputs.items, 1)", 1, "did you mean 'contains'?")]
    [InlineData("lenght(inputs.items)", 1, "functions: len, contains, startsWith, endsWith, exists, lower, upper")]
    [InlineData("startswith(inputs.name, 'a')", 1, "did you mean 'startsWith'?")]
    [InlineData("1 + frobnicate(2)", 5, "functions: len, contains, startsWith, endsWith, exists, lower, upper")]
    public void Unknown_functions(string text, int column, string hint)
    {
        var error = Expr.Error(text);

        Assert.Equal(DiagnosticCodes.UnknownFunction, error.Code);
        Assert.Equal(column, error.ExpressionColumn);
        Assert.Equal(hint, error.Hint);
    }

    [Theory]
    [InlineData("len()", "len() takes 1 argument, not 0")]
    [InlineData("len(1, 2)", "len() takes 1 argument, not 2")]
    [InlineData("contains('a')", "contains() takes 2 arguments, not 1")]
    [InlineData("startsWith('a', 'b', 'c')", "startsWith() takes 2 arguments, not 3")]
    public void Wrong_arity(string text, string message)
    {
        var error = Expr.Error(text);

        Assert.Equal(DiagnosticCodes.UnknownFunction, error.Code);
        Assert.Equal(1, error.ExpressionColumn);
        Assert.Equal(message, error.Message);
        Assert.StartsWith("call it as ", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Exists_needs_a_path()
    {
        var error = Expr.Error("exists(1 + 2)");

        Assert.Equal(DiagnosticCodes.UnknownFunction, error.Code);
        Assert.Equal(8, error.ExpressionColumn);
    }

    [Theory]
    [InlineData("foo.bar == 1", 1, "to use the text foo, quote it: 'foo'")]
    [InlineData("input.x", 1, "did you mean 'inputs'?")]
    [InlineData("tasks.a.status == completed", 19, "to use the text completed, quote it: 'completed'")]
    [InlineData("True", 1, "write 'true' in lower case")]
    [InlineData("batch_size > 0", 1, "did you mean 'inputs.batch_size'?")]
    [InlineData("tasks.extract.outputs.rows", 15, "did you mean 'output'?")]
    [InlineData("tasks.extract.result", 15, null)]
    [InlineData("run.workflow", 5, "did you mean 'run.workflow_id'?")]
    public void Unknown_references(string text, int column, string? hint)
    {
        var error = Expr.Error(text);

        Assert.Equal(DiagnosticCodes.UnknownReference, error.Code);
        Assert.Equal(column, error.ExpressionColumn);
        Assert.Equal(hint, error.Hint);
    }

    [Theory]
    [InlineData("inputs", 1)]
    [InlineData("context == 1", 1)]
    [InlineData("tasks", 1)]
    [InlineData("tasks.extract", 14)]
    [InlineData("tasks.extract > 1", 14)]
    [InlineData("run", 1)]
    [InlineData("tasks.extract.status.x", 21)]
    [InlineData("tasks.extract.status[0]", 21)]
    [InlineData("run.id.x", 7)]
    public void Incomplete_references(string text, int column)
    {
        var error = Expr.Error(text);

        Assert.Equal(DiagnosticCodes.UnknownReference, error.Code);
        Assert.Equal(column, error.ExpressionColumn);
    }

    [Fact]
    public void Params_are_refused_outside_templates()
    {
        var error = Expr.Error("params.size > 1", Expr.Open);

        Assert.Equal(DiagnosticCodes.UnknownReference, error.Code);
        Assert.Equal(1, error.ExpressionColumn);
        Assert.NotNull(Expr.Compile("params.size > 1", Expr.Scope));
    }

    [Fact]
    public void Every_bad_reference_is_reported()
    {
        var errors = Expr.Errors("tasks.extrct.output.x > inputs.bach_size && lenght(foo) > 0 || tasks.load.stat == 'x'");

        Assert.Equal(
            [
                (DiagnosticCodes.UnknownTaskReference, 7),
                (DiagnosticCodes.UndeclaredInput, 32),
                (DiagnosticCodes.UnknownReference, 52),
                (DiagnosticCodes.UnknownFunction, 45),
                (DiagnosticCodes.UnknownReference, 75),
            ],
            errors.Select(e => (e.Code, e.ExpressionColumn)));
    }

    [Fact]
    public void References_before_a_syntax_error_are_reported_with_it()
    {
        var errors = Expr.Errors("tasks.nope.output > ");

        Assert.Equal([DiagnosticCodes.UnknownTaskReference, DiagnosticCodes.ExpressionSyntax], errors.Select(e => e.Code));
    }

    [Fact]
    public void Diagnostics_render_with_a_caret_under_the_column()
    {
        var text = Expr.Error("tasks.extrct.output").ToString();

        Assert.Contains("error FF1032: unknown task 'extrct' [tasks.t.when]", text, StringComparison.Ordinal);
        Assert.Contains("    tasks.extrct.output\n          ^", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
