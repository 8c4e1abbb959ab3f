using FastFlow.Expressions;

namespace FastFlow.Core.Tests.Expressions;

public sealed class EvaluationErrorTests
{
    [Theory]
    [InlineData("len(5)", 1, "len() needs a string, an array or an object, not integer 5")]
    [InlineData("len(true)", 1, "len() needs a string, an array or an object, not boolean true")]
    [InlineData("'a' < 3", 5, "cannot compare string \"a\" with integer 3 using '<'; only two numbers or two strings can be ordered")]
    [InlineData("inputs.missing > 3", 16, "cannot compare null with integer 3 using '>'; only two numbers or two strings can be ordered")]
    [InlineData("true >= false", 6, "cannot compare boolean true with boolean false using '>='; only two numbers or two strings can be ordered")]
    [InlineData("1 in 'abc'", 3, "cannot look for integer 1 in a string; only a string can be part of a string")]
    [InlineData("1 in 5", 3, "cannot look inside integer 5; 'in' and contains() need an array, a string or an object")]
    [InlineData("startsWith(1, 'a')", 1, "startsWith() needs a string as its first argument, not integer 1")]
    [InlineData("endsWith('a', null)", 1, "endsWith() needs a string as its second argument, not null")]
    [InlineData("upper(1.5)", 1, "upper() needs a string, not number 1.5")]
    [InlineData("1 + 'a'", 3, "cannot add integer 1 and string \"a\"; '+' needs two numbers, two strings or two arrays")]
    [InlineData("'a' * 2", 5, "cannot multiply string \"a\" and integer 2; arithmetic needs numbers")]
    [InlineData("1 / 0", 3, "division by zero")]
    [InlineData("1 % 0", 3, "remainder of a division by zero")]
    [InlineData("-'a'", 1, "cannot negate string \"a\"; '-' needs a number")]
    [InlineData("9223372036854775807 + 1", 21, "integer overflow: the result does not fit in 64 bits")]
    [InlineData("-9223372036854775807 - 2", 22, "integer overflow: the result does not fit in 64 bits")]
    [InlineData("4611686018427387904 * 2", 21, "integer overflow: the result does not fit in 64 bits")]
    public void Type_errors_name_the_expression_the_column_and_the_problem(string text, int column, string problem)
    {
        var compiled = Expr.Compile(text);

        var error = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate(new TestContext()));

        Assert.Equal(text, error.Expression);
        Assert.Equal(column, error.Column);
        Assert.Equal($"Cannot evaluate '{text}' (column {column}): {problem}.", error.Message);
        Assert.Throws<ExpressionEvaluationException>(() => compiled.EvaluateCondition(new TestContext()));
    }

    [Fact]
    public void Integer_arithmetic_at_the_edges_does_not_overflow()
    {
        Assert.Equal(long.MinValue, Expr.Eval("-4611686018427387904 * 2"));
        Assert.Equal(0L, Expr.Eval("-9223372036854775808 % -1"));
        Assert.Equal(long.MaxValue, Expr.Eval("9223372036854775806 + 1"));
    }

    [Fact]
    public void Negating_the_smallest_integer_overflows()
    {
        var context = new TestContext().Input("n", long.MinValue);

        var error = Assert.Throws<ExpressionEvaluationException>(() => Expr.Eval("-inputs.n", context));

        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void Errors_in_a_template_part_name_the_part()
    {
        var diagnostics = new List<FastFlow.Validation.Diagnostic>();
        var template = ExpressionCompiler.CompileTemplate("size: ${{  len(inputs.n) }}!", Expr.Scope, "p", diagnostics)!;

        var error = Assert.Throws<ExpressionEvaluationException>(() => template.Render(new TestContext().Input("n", 4L)));

        Assert.Equal("len(inputs.n)", error.Expression);
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void The_standard_constructors_exist()
    {
        Assert.Equal(string.Empty, new ExpressionEvaluationException().Expression);
        Assert.Equal("m", new ExpressionEvaluationException("m").Message);
        var inner = new InvalidOperationException();
        Assert.Same(inner, new ExpressionEvaluationException("m", inner).InnerException);
    }
}
