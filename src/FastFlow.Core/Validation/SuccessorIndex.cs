using FastFlow.Definitions;

namespace FastFlow.Validation;

/// <summary>Inverts a task table's dependency lists into successor lists (a compressed row list),
/// in O(V + E) with two passes over the edges and no per-task allocation.</summary>
internal static class SuccessorIndex
{
    /// <summary>Builds the successors of every task: those of task i are
    /// <c>successors[start[i]..start[i + 1]]</c>, in ascending index order.</summary>
    public static void Build(TaskTable tasks, out int[] start, out int[] successors)
    {
        var count = tasks.Count;
        start = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            foreach (var dependency in tasks.GetDependencies(i))
            {
                start[dependency + 1]++;
            }
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        successors = start[count] == 0 ? [] : new int[start[count]];

        // start[d] serves as the write cursor of d, ending at the beginning of d + 1; shifting it
        // back afterwards spares a second cursor array.
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
    }
}
