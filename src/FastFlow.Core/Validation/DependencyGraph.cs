using System.Buffers;
using FastFlow.Definitions;

namespace FastFlow.Validation;

/// <summary>The dependency graph of a task table, inverted and sorted in O(V + E) over int arrays:
/// successor lists (a compressed row list), a topological order by Kahn's algorithm (iterative, so a
/// chain of a million tasks needs no deep stack), and the tasks whose dependency list names
/// themselves or repeats an entry. Two passes over the edges in all.</summary>
internal sealed class DependencyGraph
{
    /// <summary>Dependency lists up to this long are checked for repeats pairwise; longer ones with a mark array.</summary>
    private const int PairwiseLimit = 16;

    private DependencyGraph(int[] successorStart, int[] successors, int[] order, List<int>? suspicious)
    {
        SuccessorStart = successorStart;
        Successors = successors;
        Order = order;
        Suspicious = suspicious;
    }

    /// <summary>The successors of task i are <c>Successors[SuccessorStart[i]..SuccessorStart[i + 1]]</c>.</summary>
    public int[] SuccessorStart { get; }

    /// <summary>Dependent task indices grouped by dependency, ascending within a group; a dependency
    /// listed twice appears twice, so the lists exactly invert the dependency lists.</summary>
    public int[] Successors { get; }

    /// <summary>Tasks without dependencies in index order, then each task as soon as its last
    /// dependency is placed. Shorter than the task count when tasks are in or after a cycle.</summary>
    public int[] Order { get; }

    /// <summary>Tasks whose dependency list names the task itself or names a task twice; null when none.</summary>
    public List<int>? Suspicious { get; }

    public static DependencyGraph Build(TaskTable tasks)
    {
        var count = tasks.Count;
        var start = new int[count + 1];
        var order = count == 0 ? [] : new int[count];
        // Dependencies not yet placed, per task: scratch, so it comes from the pool.
        var waiting = ArrayPool<int>.Shared.Rent(count);
        List<int>? suspicious = null;
        int[]? marks = null;
        var tail = 0;
        for (var i = 0; i < count; i++)
        {
            var dependencies = tasks.GetDependencies(i);
            waiting[i] = dependencies.Length;
            if (dependencies.Length == 0)
            {
                order[tail++] = i;
                continue;
            }

            foreach (var dependency in dependencies)
            {
                start[dependency + 1]++;
            }

            if (dependencies.Length == 1 ? dependencies[0] == i : HasSelfOrRepeat(i, dependencies, count, ref marks))
            {
                (suspicious ??= []).Add(i);
            }
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        var successors = start[count] == 0 ? [] : new int[start[count]];

        // start[d] serves as the write cursor of d, ending where d + 1 begins; shifting it back
        // afterwards spares a cursor array.
        for (var i = 0; i < count; i++)
        {
            foreach (var dependency in tasks.GetDependencies(i))
            {
                successors[start[dependency]++] = i;
            }
        }

        for (var i = count; i > 0; i--)
        {
            start[i] = start[i - 1];
        }

        start[0] = 0;

        for (var head = 0; head < tail; head++)
        {
            var task = order[head];
            var end = start[task + 1];
            for (var s = start[task]; s < end; s++)
            {
                var successor = successors[s];
                if (--waiting[successor] == 0)
                {
                    order[tail++] = successor;
                }
            }
        }

        ArrayPool<int>.Shared.Return(waiting);
        if (tail < count)
        {
            Array.Resize(ref order, tail);
        }

        return new DependencyGraph(start, successors, order, suspicious);
    }

    private static bool HasSelfOrRepeat(int task, ReadOnlySpan<int> dependencies, int count, ref int[]? marks)
    {
        if (dependencies.Contains(task))
        {
            return true;
        }

        if (dependencies.Length <= PairwiseLimit)
        {
            for (var p = 1; p < dependencies.Length; p++)
            {
                if (dependencies[..p].Contains(dependencies[p]))
                {
                    return true;
                }
            }

            return false;
        }

        // marks[d] == task + 1: d was seen earlier in this task's list.
        marks ??= new int[count];
        var found = false;
        foreach (var dependency in dependencies)
        {
            found |= marks[dependency] == task + 1;
            marks[dependency] = task + 1;
        }

        return found;
    }
}
