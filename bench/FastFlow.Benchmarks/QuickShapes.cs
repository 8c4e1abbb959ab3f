using System.Diagnostics;
using FastFlow.Bench.Shapes;

namespace FastFlow.Benchmarks;

/// <summary>A fast, rough look at the shape figures (Stopwatch, a few rounds) for iterating on
/// the scheduler; the numbers to quote come from the BenchmarkDotNet classes.
/// Run: dotnet run -c Release --project bench/FastFlow.Benchmarks -- quick [rounds]</summary>
public static class QuickShapes
{
    public static void Run(int rounds, string? only = null)
    {
        using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        foreach (var (shape, size) in new[] { (DagShape.Chain, 1_000_000), (DagShape.Tree, (1 << 20) - 1), (DagShape.Wavefront, 1024), (DagShape.Fanout, 1_000_000) })
        {
            if (only is not null && !string.Equals(only, shape.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var tasks = ShapeGraph.TaskCount(shape, size);
            var construct = double.MaxValue;
            var execute = double.MaxValue;
            var baseline = double.MaxValue;
            long allocated = long.MaxValue;
            var executor = new CounterExecutor(shape, size, static () => { });
            var compiled = engine.Compile(ShapeBuilder.Build(shape, size));
            for (var round = 0; round < rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                engine.Compile(ShapeBuilder.Build(shape, size));
                construct = Math.Min(construct, watch.Elapsed.TotalNanoseconds / tasks);

                var before = GC.GetTotalAllocatedBytes(precise: true);
                watch.Restart();
                var result = engine.RunAsync(compiled).AsTask().GetAwaiter().GetResult();
                execute = Math.Min(execute, watch.Elapsed.TotalNanoseconds / tasks);
                allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
                if (result.Status != RunStatus.Completed)
                {
                    throw new InvalidOperationException($"{shape}: {result.Status} {result.Error}");
                }

                watch.Restart();
                executor.Run();
                baseline = Math.Min(baseline, watch.Elapsed.TotalNanoseconds / tasks);
            }

            Console.WriteLine($"{shape,-10} tasks {tasks,9:N0}  construct {construct,6:F1} ns/task  execute {execute,6:F1} ns/task  alloc {(double)allocated / tasks,6:F2} B/task  baseline {baseline,6:F1} ns/task  ratio {execute / baseline:F2}");
        }
    }
}
