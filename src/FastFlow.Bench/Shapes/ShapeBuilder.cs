using FastFlow.Definitions;

namespace FastFlow.Bench.Shapes;

/// <summary>Builds a shape with the public <see cref="WorkflowBuilder"/>, as a user would:
/// anonymous tasks sharing one empty handler, wired with <see cref="TaskRef.Precede"/>.</summary>
public static class ShapeBuilder
{
    /// <summary>The empty task body every shape uses.</summary>
    public static readonly Action<TaskContext> Empty = static _ => { };

    /// <summary>The shape of <paramref name="size"/> (see <see cref="ShapeGraph.TaskCount"/>) with empty tasks.</summary>
    public static WorkflowDefinition Build(DagShape shape, int size) => Build(shape, size, Empty);

    /// <summary>The shape of <paramref name="size"/>, every task running <paramref name="body"/>.</summary>
    public static WorkflowDefinition Build(DagShape shape, int size, Action<TaskContext> body)
    {
        var builder = new WorkflowBuilder(shape.ToString().ToLowerInvariant());
        var count = ShapeGraph.TaskCount(shape, size);
        var tasks = new TaskRef[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = builder.Task(body);
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
