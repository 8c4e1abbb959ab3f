
namespace FastFlow.Bench.Shapes;

/// <summary>The plain baseline: what a competent .NET developer writes without an engine. One
/// preallocated <see cref="IThreadPoolWorkItem"/> per node with an atomic dependency counter;
/// a node that finishes decrements its successors' counters and queues the ready ones on the
/// .NET ThreadPool (preferring the local queue). Allocation-free per execution.</summary>
public sealed class CounterExecutor
{
    private readonly Node[] _nodes;
    private readonly int[] _successorStart;
    private readonly int[] _successors;
    private readonly int[] _predecessors;
    private readonly int[] _sources;
    private readonly ManualResetEventSlim _done = new(false);
    private int _pending;

    /// <summary>Lays out <paramref name="shape"/> of <paramref name="size"/>, every node running <paramref name="body"/>.</summary>
    public CounterExecutor(DagShape shape, int size, Action body)
    {
        var count = ShapeGraph.TaskCount(shape, size);
        var counter = new EdgeCounter(new int[count + 1], new int[count]);
        ShapeGraph.ForEachEdge(shape, size, ref counter);
        _predecessors = counter.Predecessors;
        _successorStart = counter.OutDegree;
        for (var i = 0; i < count; i++)
        {
            _successorStart[i + 1] += _successorStart[i];
        }

        _successors = new int[_successorStart[count]];
        var fill = new EdgeFill(_successors, (int[])_successorStart.Clone());
        ShapeGraph.ForEachEdge(shape, size, ref fill);
        _nodes = new Node[count];
        var sources = new List<int>();
        for (var i = 0; i < count; i++)
        {
            _nodes[i] = new Node(this, i, body);
            if (_predecessors[i] == 0)
            {
                sources.Add(i);
            }
        }

        _sources = [.. sources];
    }

    /// <summary>Nodes in the graph.</summary>
    public int TaskCount => _nodes.Length;

    /// <summary>Runs the whole graph once and waits for the last node.</summary>
    public void Run()
    {
        foreach (var node in _nodes)
        {
            node.Remaining = _predecessors[node.Index];
        }

        _pending = _nodes.Length;
        _done.Reset();
        foreach (var source in _sources)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_nodes[source], preferLocal: false);
        }

        _done.Wait();
    }

    private void Complete(int index)
    {
        var end = _successorStart[index + 1];
        for (var i = _successorStart[index]; i < end; i++)
        {
            var successor = _nodes[_successors[i]];
            if (Interlocked.Decrement(ref successor.Remaining) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(successor, preferLocal: true);
            }
        }

        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.Set();
        }
    }

    private sealed class Node(CounterExecutor owner, int index, Action body) : IThreadPoolWorkItem
    {
        public int Index { get; } = index;

        public int Remaining;

        public void Execute()
        {
            body();
            owner.Complete(Index);
        }
    }

    private struct EdgeCounter(int[] outDegree, int[] predecessors) : IEdgeSink
    {
        public int[] OutDegree = outDegree;
        public int[] Predecessors = predecessors;

        public readonly void Edge(int from, int to)
        {
            OutDegree[from + 1]++;
            Predecessors[to]++;
        }
    }

    private readonly struct EdgeFill(int[] successors, int[] next) : IEdgeSink
    {
        public void Edge(int from, int to) => successors[next[from]++] = to;
    }
}
