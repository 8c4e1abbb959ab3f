namespace FastFlow.Core.Tests.Expressions;

public sealed class OperatorTests
{
    [Theory]
    [InlineData("'a\\'b'", "a'b")]
    [InlineData("\"double \\\"q\\\"\"", "double \"q\"")]
    [InlineData("'tab\\there'", "tab\there")]
    [InlineData("'\\u00e9\\n\\\\'", "é\n\\")]
    [InlineData("'\\/\\0'", "/\0")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("''", "")]
    public void String_literals_with_escapes(string text, string expected) =>
        Assert.Equal(expected, Expr.Eval(text));

    [Fact]
    public void Two_quotes_in_a_row_are_two_strings_not_an_escape()
    {
        var error = Expr.Error("'it''s'");

        Assert.Equal(FastFlow.Validation.DiagnosticCodes.ExpressionSyntax, error.Code);
        Assert.Equal(5, error.ExpressionColumn);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integer_literals_are_longs(string text, long expected)
    {
        Assert.Equal(expected, Assert.IsType<long>(Expr.Eval(text)));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("2.0", 2.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("2.5E-1", 0.25)]
    [InlineData("-0.5", -0.5)]
    [InlineData("9223372036854775808", 9223372036854775808.0)]
    public void Decimal_literals_are_doubles(string text, double expected)
    {
        Assert.Equal(expected, Assert.IsType<double>(Expr.Eval(text)));
    }

    [Fact]
    public void Keyword_literals()
    {
        Assert.Equal(true, Expr.Eval("true"));
        Assert.Equal(false, Expr.Eval("false"));
        Assert.Null(Expr.Eval("null"));
    }

    [Theory]
    [InlineData("1 == 1", true)]
    [InlineData("1 == 1.0", true)]
    [InlineData("1 == 2", false)]
    [InlineData("'a' == 'a'", true)]
    [InlineData("'a' == 'A'", false)]
    [InlineData("1 == '1'", false)]
    [InlineData("true == 1", false)]
    [InlineData("null == null", true)]
    [InlineData("null == false", false)]
    [InlineData("null == 0", false)]
    [InlineData("1 != 2", true)]
    [InlineData("1 != 1.0", false)]
    [InlineData("'x' != null", true)]
    public void Equality_compares_numbers_by_value_and_different_types_as_unequal(string text, bool expected) =>
        Assert.Equal(expected, Expr.Condition(text));

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 < 1", false)]
    [InlineData("1 <= 1", true)]
    [InlineData("1.5 > 1", true)]
    [InlineData("1 >= 1.0", true)]
    [InlineData("9007199254740993 > 9007199254740992.0", true)]
    [InlineData("9007199254740992.0 < 9007199254740993", true)]
    [InlineData("-1 < -0.5", true)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'abc' >= 'abd'", false)]
    [InlineData("'' < 'a'", true)]
    public void Ordering_compares_numbers_numerically_and_strings_ordinally(string text, bool expected) =>
        Assert.Equal(expected, Expr.Condition(text));

    [Theory]
    [InlineData("true && true", true)]
    [InlineData("true && false", false)]
    [InlineData("true and 1", true)]
    [InlineData("false || true", true)]
    [InlineData("false or 0", false)]
    [InlineData("!true", false)]
    [InlineData("!0", true)]
    [InlineData("not ''", true)]
    [InlineData("not 'x'", false)]
    [InlineData("!!'x'", true)]
    public void Logic_uses_truthiness(string text, bool expected)
    {
        Assert.Equal(expected, Expr.Condition(text));
        Assert.Equal(expected, Expr.Eval(text));
    }

    [Fact]
    public void Logic_short_circuits()
    {
        // The right side would fail: len(5) is an error.
        Assert.False(Expr.Condition("false && len(5) > 0"));
        Assert.True(Expr.Condition("true || len(5) > 0"));
        Assert.Throws<FastFlow.Expressions.ExpressionEvaluationException>(() => Expr.Condition("true && len(5) > 0"));
    }

    [Fact]
    public void There_are_no_list_literals() =>
        Assert.Equal(FastFlow.Validation.DiagnosticCodes.ExpressionSyntax, Expr.Error("'b' in ['a', 'b']").Code);

    [Fact]
    public void In_finds_list_items_substrings_and_map_keys()
    {
        var context = new TestContext()
            .Input("items", new List<object?> { 1L, "two", 3.0, null })
            .Input("map", new Dictionary<string, object?> { ["k"] = null })
            .Input("name", "workflow");

        Assert.True(Expr.Condition("1 in inputs.items", context));
        Assert.True(Expr.Condition("1.0 in inputs.items", context));
        Assert.True(Expr.Condition("3 in inputs.items", context));
        Assert.True(Expr.Condition("'two' in inputs.items", context));
        Assert.True(Expr.Condition("null in inputs.items", context));
        Assert.False(Expr.Condition("'one' in inputs.items", context));
        Assert.True(Expr.Condition("'flow' in inputs.name", context));
        Assert.False(Expr.Condition("'Flow' in inputs.name", context));
        Assert.True(Expr.Condition("'' in inputs.name", context));
        Assert.True(Expr.Condition("'k' in inputs.map", context));
        Assert.False(Expr.Condition("'v' in inputs.map", context));
        Assert.False(Expr.Condition("'x' in inputs.missing", context));
        Assert.True(Expr.Condition("'one' not in inputs.items", context));
        Assert.False(Expr.Condition("'k' not in inputs.map", context));
    }

    [Theory]
    [InlineData("1 + 2", 3L)]
    [InlineData("1 + 2.5", 3.5)]
    [InlineData("5 - 7", -2L)]
    [InlineData("3 * 4", 12L)]
    [InlineData("3 * 0.5", 1.5)]
    [InlineData("7 / 2", 3.5)]
    [InlineData("6 / 2", 3.0)]
    [InlineData("7 % 3", 1L)]
    [InlineData("-7 % 3", -1L)]
    [InlineData("7.5 % 2", 1.5)]
    [InlineData("-(2 + 3)", -5L)]
    [InlineData("- -3", 3L)]
    [InlineData("-9223372036854775807 - 1", long.MinValue)]
    [InlineData("'a' + 'b'", "ab")]
    public void Arithmetic(string text, object expected)
    {
        var value = Expr.Eval(text);
        Assert.Equal(expected.GetType(), value!.GetType());
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Plus_joins_arrays()
    {
        var context = new TestContext().Input("items", new List<object?> { 1L }).Input("x", new List<object?> { "b" });

        Assert.Equal(new List<object?> { 1L, "b" }, Expr.Eval("inputs.items + inputs.x", context));
        Assert.Equal(new List<object?> { 1L }, context.Inputs["items"]);
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7L)]
    [InlineData("(1 + 2) * 3", 9L)]
    [InlineData("10 - 4 - 3", 3L)]
    [InlineData("2 * 3 % 4", 2L)]
    [InlineData("-2 * 3", -6L)]
    [InlineData("1 + 2 == 3", true)]
    [InlineData("1 < 2 == true", null)]
    [InlineData("true || false && false", true)]
    [InlineData("(true || false) && false", false)]
    [InlineData("false && true || true", true)]
    [InlineData("!false && false", false)]
    [InlineData("not 1 == 2", true)]
    [InlineData("!1 == 2", true)]
    [InlineData("1 == 1 and 2 == 2 or false", true)]
    [InlineData("'a' in 'cat' && 2 > 1", true)]
    [InlineData("true == !0", true)]
    [InlineData("1 == !0", false)]
    public void Precedence(string text, object? expected)
    {
        if (expected is null)
        {
            // Comparisons do not chain.
            Assert.Equal(FastFlow.Validation.DiagnosticCodes.ExpressionSyntax, Expr.Error(text).Code);
            return;
        }

        Assert.Equal(expected, Expr.Eval(text));
    }

    [Fact]
    public void Whitespace_and_newlines_between_tokens_do_not_matter() =>
        Assert.True(Expr.Condition("  1\n<\t2  &&\r\n  'a'  ==  'a'  "));

    [Fact]
    public void Nan_compares_false_in_every_ordering_and_equals_itself()
    {
        var context = new TestContext().Input("f", double.NaN);

        Assert.False(Expr.Condition("inputs.f < 1", context));
        Assert.False(Expr.Condition("inputs.f >= 1", context));
        Assert.False(Expr.Condition("1 > inputs.f", context));
        Assert.True(Expr.Condition("inputs.f == inputs.f", context));
        Assert.False(Expr.Condition("inputs.f", context));
    }
}
