using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Benchmarks.Expressions;

/// <summary>Evaluating compiled expressions and rendering a compiled template over a run's data,
/// as the engine does for each task's <c>when</c> and parameters. Each category's baseline is the
/// same computation written by hand as a C# lambda over the same dictionaries: what a workflow
/// coded in C# would run instead, so the ratio is the price of writing it as text.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ExpressionBenchmarks
{
    private const string Condition = "Condition";
    private const string Arithmetic = "Arithmetic";
    private const string Template = "Template";

    /// <summary>The index <c>tasks.extract</c> is bound to.</summary>
    private const int ExtractTask = 0;

    private DictionaryEvaluationContext _context = null!;
    private CompiledExpression _condition = null!;
    private CompiledExpression _arithmetic = null!;
    private CompiledTemplate _template = null!;

    // Delegates in fields, as hand-written workflow code would hold them: the JIT cannot fold
    // them into the benchmark method, just as it cannot fold the compiled trees.
    private Func<DictionaryEvaluationContext, bool> _lambdaCondition = null!;
    private Func<DictionaryEvaluationContext, object?> _lambdaArithmetic = null!;
    private Func<DictionaryEvaluationContext, object?> _lambdaTemplate = null!;

    [GlobalSetup]
    public void Setup()
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = 42L, ["rows"] = "r-1" };
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal) { ["mode"] = "full", ["limit"] = 100L, ["table"] = "orders" };
        _context = new DictionaryEvaluationContext(inputs, [output]);

        // The parameter is typed: this assembly sees Core's internals, whose span overload would
        // compare the id by reference and find no task.
        var scope = new ExpressionScope(static (string id) => id == "extract" ? ExtractTask : -1, ["extract"], ["mode", "limit", "table"]);
        var diagnostics = new List<Diagnostic>();
        _condition = ExpressionCompiler.Compile("tasks.extract.output.count > 3 && inputs.mode == 'full'", scope, "when", diagnostics)!;
        _arithmetic = ExpressionCompiler.Compile("tasks.extract.output.count * 2 + inputs.limit - 1", scope, "value", diagnostics)!;
        _template = ExpressionCompiler.CompileTemplate("select * from ${{ inputs.table }} limit ${{ tasks.extract.output.count }}", scope, "query", diagnostics)!;
        if (diagnostics.Count != 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
        }

        _lambdaCondition = static c => Count(c) > 3 && c.Inputs["mode"] is "full";
        _lambdaArithmetic = static c => Count(c) * 2 + (long)c.Inputs["limit"]! - 1;
        _lambdaTemplate = static c => string.Create(CultureInfo.InvariantCulture, $"select * from {c.Inputs["table"]} limit {Count(c)}");

        // Both sides must compute the same thing, or the comparison means nothing.
        if (!Equals(LambdaArithmetic(), FastFlowArithmetic()) || !Equals(LambdaTemplate(), FastFlowTemplate()) || LambdaCondition() != FastFlowCondition())
        {
            throw new InvalidOperationException("The compiled expressions and the lambdas disagree.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Condition)]
    public bool LambdaCondition() => _lambdaCondition(_context);

    [Benchmark, BenchmarkCategory(Condition)]
    public bool FastFlowCondition() => _condition.EvaluateCondition(_context);

    [Benchmark(Baseline = true), BenchmarkCategory(Arithmetic)]
    public object? LambdaArithmetic() => _lambdaArithmetic(_context);

    [Benchmark, BenchmarkCategory(Arithmetic)]
    public object? FastFlowArithmetic() => _arithmetic.Evaluate(_context);

    [Benchmark(Baseline = true), BenchmarkCategory(Template)]
    public object? LambdaTemplate() => _lambdaTemplate(_context);

    [Benchmark, BenchmarkCategory(Template)]
    public object? FastFlowTemplate() => _template.Render(_context);

    private static long Count(DictionaryEvaluationContext context) =>
        (long)((Dictionary<string, object?>)context.Outputs[ExtractTask]!)["count"]!;
}
