using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FastFlow.Bench.Shapes;

namespace FastFlow.Benchmarks;

/// <summary>Empty-task DAGs of the four shapes the issue compares with Taskflow 4.1, built with
/// the public builder and executed by an engine with two workers. Each benchmark's operation
/// is one task, so the reports read in ns and bytes per task. The baseline in the same class is
/// a dependency-counter executor on the .NET ThreadPool, one for running the DAG and one for
/// building it, so that construction is compared with construction.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
// Counts that adjust whichever job runs, not a job of their own: a [SimpleJob] would run beside
// a --job given on the command line (BenchmarkDotNet adds jobs up), so --job dry would not be dry.
[ProcessCount(1)]
[WarmupCount(3)]
[IterationCount(15)]
public abstract class ShapeBenchmarks
{
    private FlowEngine _engine = null!;
    private CompiledWorkflow _compiled = null!;
    private CounterExecutor _baseline = null!;

    /// <summary>The category of the benchmarks that run the DAG.</summary>
    protected const string ExecuteCategory = "Execute";

    /// <summary>The category of the benchmarks that build the DAG.</summary>
    protected const string ConstructCategory = "Construct";

    protected abstract DagShape Shape { get; }

    protected abstract int Size { get; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        _compiled = _engine.Compile(ShapeBuilder.Build(Shape, Size));
        _baseline = new CounterExecutor(Shape, Size, static () => { });
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    protected void Execute()
    {
        var result = _engine.RunAsync(_compiled).AsTask().GetAwaiter().GetResult();
        if (result.Status != RunStatus.Completed)
        {
            throw new InvalidOperationException($"The {Shape} run ended {result.Status}: {result.Error}");
        }
    }

    protected void ExecuteBaseline() => _baseline.Run();

    protected CompiledWorkflow Construct() => _engine.Compile(ShapeBuilder.Build(Shape, Size));

    protected CounterExecutor ConstructBaseline() => new(Shape, Size, static () => { });
}

public class ChainBenchmarks : ShapeBenchmarks
{
    private const int Tasks = 1_000_000;

    protected override DagShape Shape => DagShape.Chain;

    protected override int Size => Tasks;

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void BaselineExecute() => ExecuteBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void FastFlowExecute() => Execute();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CounterExecutor BaselineConstruct() => ConstructBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CompiledWorkflow FastFlowConstruct() => Construct();
}

public class TreeBenchmarks : ShapeBenchmarks
{
    private const int Tasks = (1 << 20) - 1;

    protected override DagShape Shape => DagShape.Tree;

    protected override int Size => Tasks;

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void BaselineExecute() => ExecuteBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void FastFlowExecute() => Execute();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CounterExecutor BaselineConstruct() => ConstructBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CompiledWorkflow FastFlowConstruct() => Construct();
}

public class WavefrontBenchmarks : ShapeBenchmarks
{
    private const int Side = 1024;
    private const int Tasks = Side * Side;

    protected override DagShape Shape => DagShape.Wavefront;

    protected override int Size => Side;

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void BaselineExecute() => ExecuteBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void FastFlowExecute() => Execute();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CounterExecutor BaselineConstruct() => ConstructBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CompiledWorkflow FastFlowConstruct() => Construct();
}

public class FanoutBenchmarks : ShapeBenchmarks
{
    private const int Sources = 1_000_000;
    private const int Tasks = Sources + 1;

    protected override DagShape Shape => DagShape.Fanout;

    protected override int Size => Sources;

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void BaselineExecute() => ExecuteBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ExecuteCategory)]
    public void FastFlowExecute() => Execute();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CounterExecutor BaselineConstruct() => ConstructBaseline();

    [Benchmark(OperationsPerInvoke = Tasks), BenchmarkCategory(ConstructCategory)]
    public CompiledWorkflow FastFlowConstruct() => Construct();
}
