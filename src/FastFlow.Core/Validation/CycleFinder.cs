namespace FastFlow.Validation;

/// <summary>Finds the cycles of a task graph: Tarjan's strongly connected components, run
/// iteratively (an explicit call stack, so a cycle of a million tasks cannot overflow the thread's
/// stack), then for each component of two or more tasks the shortest cycle through its first task.</summary>
internal static class CycleFinder
{
    private const int Unvisited = -1;
    private const int Acyclic = -2;

    /// <summary>One cycle per strongly connected component with more than one task, as task indices
    /// in run order (each depends on the one before it, the first on the last), starting at the
    /// component's lowest index; sorted by that index. Self-dependencies are not cycles here.</summary>
    /// <param name="count">The number of tasks.</param>
    /// <param name="successorStart">Successor offsets, as built by <see cref="DependencyGraph"/>.</param>
    /// <param name="successors">Successor indices.</param>
    /// <param name="ordered">Tasks a topological sort placed; they are in no cycle and are skipped.</param>
    public static int[][] Find(int count, int[] successorStart, int[] successors, ReadOnlySpan<int> ordered)
    {
        if (ordered.Length == count)
        {
            return [];
        }

        var index = new int[count];
        Array.Fill(index, Unvisited);
        foreach (var task in ordered)
        {
            index[task] = Acyclic;
        }

        var low = new int[count];
        var component = new int[count];
        var stack = new int[count];
        var onStack = new bool[count];
        var callTask = new int[count];
        var callEdge = new int[count];
        var components = new List<(int First, int Size)>();
        int stackTop = 0, counter = 0, componentCount = 0;

        for (var root = 0; root < count; root++)
        {
            if (index[root] != Unvisited)
            {
                continue;
            }

            var depth = 0;
            Enter(root);
            while (depth > 0)
            {
                var v = callTask[depth - 1];
                var edge = callEdge[depth - 1];
                if (edge < successorStart[v + 1])
                {
                    callEdge[depth - 1] = edge + 1;
                    var w = successors[edge];
                    if (index[w] == Unvisited)
                    {
                        Enter(w);
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                depth--;
                if (depth > 0)
                {
                    var parent = callTask[depth - 1];
                    low[parent] = Math.Min(low[parent], low[v]);
                }

                if (low[v] == index[v])
                {
                    var first = int.MaxValue;
                    var size = 0;
                    int w;
                    do
                    {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        component[w] = componentCount;
                        first = Math.Min(first, w);
                        size++;
                    }
                    while (w != v);

                    components.Add((first, size));
                    componentCount++;
                }
            }

            void Enter(int task)
            {
                index[task] = counter;
                low[task] = counter;
                counter++;
                stack[stackTop++] = task;
                onStack[task] = true;
                callTask[depth] = task;
                callEdge[depth] = successorStart[task];
                depth++;
            }
        }

        var cycles = new List<int[]>();
        // The call stack arrays are free again: reuse them as the breadth-first queue and parents.
        var queue = callTask;
        var parentOf = callEdge;
        for (var c = 0; c < components.Count; c++)
        {
            if (components[c].Size > 1)
            {
                cycles.Add(ShortestCycle(components[c].First, c, component, successorStart, successors, queue, parentOf, index));
            }
        }

        cycles.Sort((a, b) => a[0].CompareTo(b[0]));
        return [.. cycles];
    }

    /// <summary>Breadth-first search from <paramref name="start"/> inside its component, until an
    /// edge leads back to it: the shortest cycle through <paramref name="start"/>.</summary>
    private static int[] ShortestCycle(int start, int componentId, int[] component, int[] successorStart, int[] successors, int[] queue, int[] parentOf, int[] seen)
    {
        // seen[] held Tarjan indices; marking with -(component + 3) keeps each search's marks apart.
        var mark = -(componentId + 3);
        int head = 0, tail = 0;
        queue[tail++] = start;
        seen[start] = mark;
        parentOf[start] = -1;
        while (head < tail)
        {
            var v = queue[head++];
            for (var e = successorStart[v]; e < successorStart[v + 1]; e++)
            {
                var w = successors[e];
                if (w == start)
                {
                    return Path(v, parentOf);
                }

                if (component[w] == componentId && seen[w] != mark)
                {
                    seen[w] = mark;
                    parentOf[w] = v;
                    queue[tail++] = w;
                }
            }
        }

        // A strongly connected component of two or more tasks always has a cycle through each task.
        throw new InvalidOperationException("No cycle found in a strongly connected component.");
    }

    private static int[] Path(int last, int[] parentOf)
    {
        var length = 0;
        for (var v = last; v != -1; v = parentOf[v])
        {
            length++;
        }

        var path = new int[length];
        for (var v = last; v != -1; v = parentOf[v])
        {
            path[--length] = v;
        }

        return path;
    }
}
