using FastFlow.Definitions;

namespace FastFlow.Benchmarks.Shapes;

/// <summary>Builds a shape with the public <see cref="WorkflowBuilder"/>, as a user would:
/// anonymous tasks sharing one empty handler, wired with <see cref="TaskRef.Precede"/>.</summary>
public static class ShapeBuilder
{
    /// <summary>The empty task body every shape uses.</summary>
    public static readonly Action<TaskContext> Empty = static _ => { };

    public static WorkflowDefinition Build(DagShape shape, int size)
    {
        var builder = new WorkflowBuilder(shape.ToString().ToLowerInvariant());
        var count = ShapeGraph.TaskCount(shape, size);
        var tasks = new TaskRef[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = builder.Task(Empty);
        }

        var sink = new Wiring(tasks);
        ShapeGraph.ForEachEdge(shape, size, ref sink);
        return builder.Build();
    }

    private readonly struct Wiring(TaskRef[] tasks) : IEdgeSink
    {
        public void Edge(int from, int to) => tasks[from].Precede(tasks[to]);
    }
}
