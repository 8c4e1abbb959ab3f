using FastFlow.Definitions;

namespace FastFlow.Validation;

/// <summary>Kahn's algorithm over int arrays: iterative, O(V + E), so a chain of a million tasks
/// sorts without recursion.</summary>
internal static class TopologicalSort
{
    /// <summary>Orders the tasks so that each comes after its dependencies: tasks without dependencies
    /// first in index order, then each task as soon as its last dependency is placed.</summary>
    /// <returns>The order; shorter than the task count when some tasks are in or after a cycle.</returns>
    public static int[] Order(TaskTable tasks, int[] successorStart, int[] successors)
    {
        var count = tasks.Count;
        var order = count == 0 ? [] : new int[count];
        var waiting = count == 0 ? [] : new int[count];
        var tail = 0;
        for (var i = 0; i < count; i++)
        {
            var pending = tasks.GetDependencies(i).Length;
            waiting[i] = pending;
            if (pending == 0)
            {
                order[tail++] = i;
            }
        }

        for (var head = 0; head < tail; head++)
        {
            var task = order[head];
            for (var s = successorStart[task]; s < successorStart[task + 1]; s++)
            {
                var successor = successors[s];
                if (--waiting[successor] == 0)
                {
                    order[tail++] = successor;
                }
            }
        }

        if (tail < count)
        {
            Array.Resize(ref order, tail);
        }

        return order;
    }
}
