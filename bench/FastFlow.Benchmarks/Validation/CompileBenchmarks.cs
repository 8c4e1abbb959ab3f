using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using FastFlow.Actions;
using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Plans;

namespace FastFlow.Benchmarks.Validation;

/// <summary>Validate + compile (what <see cref="FlowEngine.Compile"/> does when its plan cache
/// misses) of realistic definitions loaded from JSON: a chain of tasks, each running an action
/// with a <c>when</c> over the previous task's output and an input, three or four parameters of
/// which one is a template over the previous task's output and one a nested constant object, and
/// a dependency on the previous task. The targets: 5 tasks ≤ 20 µs, 100 ≤ 300 µs, 10,000 ≤ 30 ms.
/// The baseline validates the same definition without any expression. Median and minimum are
/// shown besides the mean: the machine the results were taken on is shared.</summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
// Counts that adjust whichever job runs rather than a [SimpleJob], which would run beside a
// --job given on the command line.
[ProcessCount(1)]
[WarmupCount(5)]
[IterationCount(20)]
public class CompileBenchmarks
{
    private FlowEngine _engine = null!;
    private WorkflowDefinition _definition = null!;
    private WorkflowDefinition _plain = null!;

    [Params(5, 100, 10_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        _engine.RegisterAction(new TransformAction());
        _definition = Load(Tasks, expressions: true);
        _plain = Load(Tasks, expressions: false);
        if (!_engine.Validate(_plain).IsValid || PlanCompiler.Compile(_engine, _definition).Warnings.Count != 0)
        {
            throw new InvalidOperationException("The benchmark definitions must be valid and raise no warning.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary>Validation alone of the same tasks, with no <c>when</c> and no template.</summary>
    [Benchmark(Baseline = true)]
    public object ValidateWithoutExpressions() => _engine.Validate(_plain);

    /// <summary>Validation and plan compilation, expressions and templates included.</summary>
    [Benchmark]
    public CompiledWorkflow ValidateAndCompile() => PlanCompiler.Compile(_engine, _definition);

    /// <summary>The definition as a user would write it in JSON, loaded (and so normalized to
    /// plain data with a source map) by the file loader.</summary>
    public static WorkflowDefinition Load(int count, bool expressions)
    {
        var json = new StringBuilder(count * 360);
        json.Append("""{"version":"2.0.0","id":"pipeline","inputs":{"mode":{"type":"string","default":"full"}},"tasks":{""");
        for (var i = 0; i < count; i++)
        {
            var id = Id(i);
            var previous = i == 0 ? null : Id(i - 1);
            json.Append(i == 0 ? "" : ",").Append('"').Append(id).Append("\":{\"action\":\"transform\"");
            if (expressions)
            {
                json.Append(",\"when\":\"")
                    .Append(previous is null ? "inputs.mode == 'full'" : $"tasks.{previous}.output.count > 3 && inputs.mode == 'full'")
                    .Append('"');
            }

            json.Append(",\"parameters\":{\"rows\":\"")
                .Append(expressions && previous is not null ? $"${{{{ tasks.{previous}.output.rows }}}}" : "all")
                .Append("\",\"mode\":\"full\",\"limit\":")
                .Append(100 + i);
            if (i % 2 == 0)
            {
                json.Append(",\"options\":{\"retries\":2,\"tags\":[\"etl\",\"nightly\"]}");
            }

            json.Append('}');
            if (previous is not null)
            {
                json.Append(",\"dependencies\":[\"").Append(previous).Append("\"]");
            }

            json.Append('}');
        }

        json.Append("}}");
        var result = DefinitionLoader.Load(json.ToString(), DefinitionFormat.Json, "pipeline.json");
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }

        return result.Definition!;
    }

    private static string Id(int i) => "step-" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>An action that checks a parameter at validation, as real actions do.</summary>
    private sealed class TransformAction() : FlowAction("transform")
    {
        public override object? Prepare(ActionPreparation preparation)
        {
            if (preparation.TryGetConstant("mode", out var mode) && mode is not "full" and not "delta")
            {
                preparation.Report("FF1100", "parameters.mode", "mode must be 'full' or 'delta'");
            }

            return null;
        }

        public override ValueTask<TaskResult> ExecuteAsync(TaskContext context) => new(TaskResult.Success());
    }
}
