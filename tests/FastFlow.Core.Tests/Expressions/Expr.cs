using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Expressions;

/// <summary>Compiling helpers for tests.</summary>
internal static class Expr
{
    public static readonly string[] DeclaredInputs = ["n", "name", "items", "map", "flag", "x", "batch_size", "source", "f", "missing", "nothing"];

    /// <summary>Tasks of <see cref="TestContext.TaskIds"/>, the declared inputs above, params allowed.</summary>
    public static readonly ExpressionScope Scope = new(
        id => Array.IndexOf(TestContext.TaskIds, id), TestContext.TaskIds, DeclaredInputs, allowParams: true);

    /// <summary>Any inputs, no params.</summary>
    public static readonly ExpressionScope Open = new(
        id => Array.IndexOf(TestContext.TaskIds, id), TestContext.TaskIds, null);

    public static CompiledExpression Compile(string text, ExpressionScope? scope = null)
    {
        var diagnostics = new List<Diagnostic>();
        var compiled = ExpressionCompiler.Compile(text, scope ?? Scope, "when", diagnostics);
        Assert.True(compiled is not null, $"'{text}' did not compile: {string.Join("; ", diagnostics)}");
        Assert.Empty(diagnostics);
        return compiled!;
    }

    public static object? Eval(string text, TestContext? context = null) => Compile(text).Evaluate(context ?? new TestContext());

    public static bool Condition(string text, TestContext? context = null) => Compile(text).EvaluateCondition(context ?? new TestContext());

    /// <summary>Compiles text that must fail; returns the diagnostics.</summary>
    public static List<Diagnostic> Errors(string text, ExpressionScope? scope = null)
    {
        var diagnostics = new List<Diagnostic>();
        var compiled = ExpressionCompiler.Compile(text, scope ?? Scope, "tasks.t.when", diagnostics);
        Assert.Null(compiled);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("tasks.t.when", d.Path);
            Assert.Equal(text, d.Expression);
            Assert.InRange(d.ExpressionColumn, 1, text.Length + 1);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
        });
        return diagnostics;
    }

    /// <summary>The one diagnostic of text that must fail.</summary>
    public static Diagnostic Error(string text, ExpressionScope? scope = null) => Assert.Single(Errors(text, scope));
}
