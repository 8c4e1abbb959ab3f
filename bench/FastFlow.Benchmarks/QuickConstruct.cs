using System.Diagnostics;
using FastFlow.Bench.Shapes;
using FastFlow.Definitions;

namespace FastFlow.Benchmarks;

/// <summary>Where construction time goes: builder calls, Build(), validation, plan compile.
/// Run: dotnet run -c Release --project bench/FastFlow.Benchmarks -- construct</summary>
public static class QuickConstruct
{
    public static void Run()
    {
        using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        foreach (var (shape, size) in new[] { (DagShape.Chain, 1_000_000), (DagShape.Tree, (1 << 20) - 1), (DagShape.Wavefront, 1024), (DagShape.Fanout, 1_000_000) })
        {
            var tasks = ShapeGraph.TaskCount(shape, size);
            double add = double.MaxValue, build = double.MaxValue, validate = double.MaxValue, compile = double.MaxValue;
            long addBytes = 0, buildBytes = 0, validateBytes = 0, compileBytes = 0;
            for (var round = 0; round < 4; round++)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                var builder = new WorkflowBuilder("x");
                var refs = new TaskRef[tasks];
                for (var i = 0; i < tasks; i++)
                {
                    refs[i] = builder.Task(ShapeBuilder.Empty);
                }

                var sink = new Wire(refs);
                ShapeGraph.ForEachEdge(shape, size, ref sink);
                add = Math.Min(add, watch.Elapsed.TotalNanoseconds / tasks);
                addBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
                bytes = GC.GetAllocatedBytesForCurrentThread();
                watch.Restart();
                var definition = builder.Build();
                build = Math.Min(build, watch.Elapsed.TotalNanoseconds / tasks);
                buildBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
                bytes = GC.GetAllocatedBytesForCurrentThread();
                watch.Restart();
                engine.Validate(definition);
                validate = Math.Min(validate, watch.Elapsed.TotalNanoseconds / tasks);
                validateBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
                bytes = GC.GetAllocatedBytesForCurrentThread();
                watch.Restart();
                engine.Compile(definition);
                compile = Math.Min(compile, watch.Elapsed.TotalNanoseconds / tasks);
                compileBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            }

            Console.WriteLine($"{shape,-10} add {add,6:F1}  build {build,6:F1}  validate {validate,6:F1}  compile(validate+plan) {compile,6:F1} ns/task");
            Console.WriteLine($"{"",-10} add {(double)addBytes / tasks,6:F1}  build {(double)buildBytes / tasks,6:F1}  validate {(double)validateBytes / tasks,6:F1}  compile(validate+plan) {(double)compileBytes / tasks,6:F1} B/task");
        }
    }

    private readonly struct Wire(TaskRef[] tasks) : IEdgeSink
    {
        public void Edge(int from, int to) => tasks[from].Precede(tasks[to]);
    }
}
