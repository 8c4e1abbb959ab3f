namespace FastFlow.Bench.Shapes;

/// <summary>Enumerates the edges of a shape, so that the FastFlow builder and the baseline
/// executor build exactly the same graph.</summary>
public static class ShapeGraph
{
    /// <summary>Tasks in a shape of the given size (size = N for chain and fanout — fanout adds
    /// the join —, the node count for the tree, the side for the wavefront).</summary>
    public static int TaskCount(DagShape shape, int size) => shape switch
    {
        DagShape.Chain => size,
        DagShape.Tree => size,
        DagShape.Wavefront => size * size,
        DagShape.Fanout => size + 1,
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>The size argument for about <paramref name="tasks"/> tasks: the count itself, except
    /// the wavefront's side, √tasks rounded down (1,048,576 tasks: 1024 × 1024).</summary>
    public static int SizeFor(DagShape shape, int tasks) =>
        shape == DagShape.Wavefront ? Math.Max(1, (int)Math.Sqrt(tasks)) : tasks;

    /// <summary>Calls <paramref name="sink"/>.Edge(from, to) for every edge, in a fixed order.</summary>
    public static void ForEachEdge<TSink>(DagShape shape, int size, ref TSink sink) where TSink : struct, IEdgeSink
    {
        switch (shape)
        {
            case DagShape.Chain:
                for (var i = 1; i < size; i++)
                {
                    sink.Edge(i - 1, i);
                }

                break;
            case DagShape.Tree:
                for (var child = 1; child < size; child++)
                {
                    sink.Edge((child - 1) >> 1, child);
                }

                break;
            case DagShape.Wavefront:
                for (var i = 0; i < size; i++)
                {
                    for (var j = 0; j < size; j++)
                    {
                        var cell = (i * size) + j;
                        if (i > 0)
                        {
                            sink.Edge(cell - size, cell);
                        }

                        if (j > 0)
                        {
                            sink.Edge(cell - 1, cell);
                        }
                    }
                }

                break;
            case DagShape.Fanout:
                for (var i = 0; i < size; i++)
                {
                    sink.Edge(i, size);
                }

                break;
        }
    }
}

/// <summary>Receives edges without a delegate call per edge.</summary>
public interface IEdgeSink
{
    /// <summary>An edge: <paramref name="to"/> depends on <paramref name="from"/>.</summary>
    void Edge(int from, int to);
}
