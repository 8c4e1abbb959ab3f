using FastFlow.Bench.Shapes;

namespace FastFlow.Bench.Tests;

/// <summary>The shapes and their measurement: the graphs are the ones the issue names, and the
/// figures come from real runs of them.</summary>
public sealed class ShapeMeasurementTests
{
    [Theory]
    [InlineData(DagShape.Chain, 1000, 1000, 999)]
    [InlineData(DagShape.Tree, 1023, 1023, 1022)]
    [InlineData(DagShape.Wavefront, 32, 1024, 2 * 32 * 31)]
    [InlineData(DagShape.Fanout, 1000, 1001, 1000)]
    public void Each_shape_has_the_tasks_and_edges_it_is_named_for(DagShape shape, int size, int tasks, int edges)
    {
        var counter = new EdgeCounter();
        ShapeGraph.ForEachEdge(shape, size, ref counter);

        Assert.Equal(tasks, ShapeGraph.TaskCount(shape, size));
        Assert.Equal(edges, counter.Edges);
        Assert.True(counter.Forward, "every edge goes from a lower index to a higher one");
    }

    [Theory]
    [InlineData(DagShape.Wavefront, 1_048_576, 1024)]
    [InlineData(DagShape.Wavefront, 1_000_000, 1000)]
    [InlineData(DagShape.Wavefront, 3, 1)]
    [InlineData(DagShape.Chain, 777, 777)]
    [InlineData(DagShape.Fanout, 10, 10)]
    public void A_task_count_becomes_the_shape_size(DagShape shape, int tasks, int size) =>
        Assert.Equal(size, ShapeGraph.SizeFor(shape, tasks));

    [Theory]
    [InlineData(DagShape.Chain)]
    [InlineData(DagShape.Tree)]
    [InlineData(DagShape.Wavefront)]
    [InlineData(DagShape.Fanout)]
    public void A_measurement_runs_every_task_of_the_shape_on_both_executors(DagShape shape)
    {
        var size = ShapeGraph.SizeFor(shape, 4096);
        var ran = 0;
        var progress = new BenchProgress();

        var report = ShapeMeasurement.Measure(shape, size, workers: 2, rounds: 2, progress, body: _ => Interlocked.Increment(ref ran));

        Assert.Equal(ShapeGraph.TaskCount(shape, size), report.Tasks);
        // Whole runs only: at least two warm-up runs, then the two measured rounds.
        Assert.Equal(0, ran % report.Tasks);
        Assert.True(ran >= 4 * report.Tasks, $"{ran} tasks ran");
        Assert.Equal((2, 2), (report.Workers, report.Rounds));
        Assert.True(report.ExecNsPerTask > 0 && report.BaselineExecNsPerTask > 0 && report.ConstructNsPerTask > 0);
        Assert.Equal(report.ExecNsPerTask / report.BaselineExecNsPerTask, report.RatioToBaseline, 9);
        Assert.Equal(progress.Total, progress.Done);
    }

    [Theory]
    [InlineData(DagShape.Chain, 500)]
    [InlineData(DagShape.Tree, 511)]
    [InlineData(DagShape.Wavefront, 20)]
    [InlineData(DagShape.Fanout, 500)]
    public void The_baseline_runs_every_task_once_per_run(DagShape shape, int size)
    {
        var ran = 0;
        var executor = new CounterExecutor(shape, size, () => Interlocked.Increment(ref ran));

        executor.Run();
        executor.Run();

        Assert.Equal(ShapeGraph.TaskCount(shape, size), executor.TaskCount);
        Assert.Equal(2 * executor.TaskCount, ran);
    }

    private struct EdgeCounter : IEdgeSink
    {
        public int Edges;
        public bool Forward = true;

        public EdgeCounter()
        {
        }

        public void Edge(int from, int to)
        {
            Edges++;
            Forward &= from < to;
        }
    }
}
