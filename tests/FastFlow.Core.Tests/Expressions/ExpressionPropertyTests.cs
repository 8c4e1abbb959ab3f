using CsCheck;
using FastFlow.Data;
using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Expressions;

public sealed class ExpressionPropertyTests
{
    private static readonly string[] s_codes =
    [
        DiagnosticCodes.ExpressionSyntax, DiagnosticCodes.TemplateSyntax, DiagnosticCodes.UnknownTaskReference,
        DiagnosticCodes.UndeclaredInput, DiagnosticCodes.UnknownFunction, DiagnosticCodes.UnknownReference,
    ];

    /// <summary>Pieces that make up plausible and broken expressions.</summary>
    private static readonly string[] s_fragments =
    [
        "inputs", "context", "tasks", "run", "params", "foo", ".", "..", "x", "n", "extract", "my-task", "a.b", "-", "--",
        "(", ")", "[", "]", "'", "\"", "\\", "'s'", "\"q\"", "==", "=", "!=", "!", "<", "<=", ">", ">=", "&&", "&", "||", "|",
        "and", "or", "not", "in", "true", "True", "null", "0", "12", "1.5", "1.", "1e", "9999999999999999999999", "+", "*", "/", "%",
        "len", "contains", "startsWith", "exists", "lower", "lenght", ",", " ", "  ", "\t", "\n", "${{", "}}", "$${{", "$", "{", "}",
        "output", "status", "id", "workflow_id", "é", "\u0001", "\ud800",
    ];

    private static readonly Gen<string> s_soup = Gen.OneOf(s_fragments).Array[0, 12].Select(parts => string.Concat(parts));

    [Fact]
    public void Printed_random_expressions_evaluate_like_the_reference_model() =>
        Gen.Select(ExpressionModel.Tree(5), Gen.Int).Sample((ast, seed) =>
        {
            var text = ExpressionModel.Print(ast, new Random(seed));
            var compiled = Expr.Compile(text);
            var context = ExpressionModel.Context();

            object? expected;
            try
            {
                expected = ExpressionModel.Evaluate(ast, context);
            }
            catch (ExpressionModel.ReferenceError)
            {
                Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate(context));
                Assert.Throws<ExpressionEvaluationException>(() => compiled.EvaluateCondition(context));
                return;
            }

            var actual = compiled.Evaluate(context);
            Assert.True(
                PlainData.DeepEquals(expected, actual) && PlainData.TypeName(expected) == PlainData.TypeName(actual),
                $"{text}: expected {PlainData.ToJson(expected)} ({PlainData.TypeName(expected)}), got {PlainData.ToJson(actual)} ({PlainData.TypeName(actual)})");
            Assert.Equal(PlainData.IsTruthy(expected), compiled.EvaluateCondition(context));
        }, iter: 3000, print: t => ExpressionModel.Print(t.Item1, new Random(t.Item2)));

    [Fact]
    public void Garbage_never_throws_and_every_error_is_a_located_diagnostic() =>
        Gen.Frequency((3, s_soup), (1, Gen.String)).Sample(text =>
        {
            CheckCompile(text, (t, d) => ExpressionCompiler.Compile(t, Expr.Scope, "p", d), c => c.Evaluate(ExpressionModel.Context()));
            CheckCompile(text, (t, d) => ExpressionCompiler.CompileTemplate(t, Expr.Scope, "p", d), c => c.Render(ExpressionModel.Context()));
        }, iter: 5000);

    [Fact]
    public void Text_without_an_opening_renders_as_itself() =>
        Gen.String.Where(s => !s.Contains("${{", StringComparison.Ordinal)).Sample(text =>
        {
            var diagnostics = new List<Diagnostic>();
            var template = ExpressionCompiler.CompileTemplate(text, Expr.Scope, "p", diagnostics);
            return template is not null && template.IsConstant && (string?)template.Render(new TestContext()) == text;
        }, iter: 1000);

    private static void CheckCompile<T>(string text, Func<string, List<Diagnostic>, T?> compile, Func<T, object?> run)
        where T : class
    {
        var diagnostics = new List<Diagnostic>();
        var compiled = compile(text, diagnostics);
        if (compiled is null)
        {
            Assert.NotEmpty(diagnostics);
        }
        else
        {
            Assert.Empty(diagnostics);
            try
            {
                run(compiled);
            }
            catch (ExpressionEvaluationException)
            {
                // A type error at evaluation is a fine outcome for garbage that parses.
            }
        }

        foreach (var diagnostic in diagnostics)
        {
            Assert.Contains(diagnostic.Code, s_codes);
            Assert.Equal(text, diagnostic.Expression);
            Assert.InRange(diagnostic.ExpressionColumn, 1, text.Length + 1);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
            Assert.Equal("p", diagnostic.Path);
        }
    }
}
