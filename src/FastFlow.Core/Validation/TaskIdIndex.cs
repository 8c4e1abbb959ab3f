using System.Globalization;
using FastFlow.Definitions;

namespace FastFlow.Validation;

/// <summary>Task ids to indices for one validation. Only explicit ids are hashed; an anonymous
/// task's name <c>task-{index}</c> is parsed instead, so a million anonymous tasks cost nothing here.</summary>
internal sealed class TaskIdIndex
{
    private const string AnonymousPrefix = "task-";
    private readonly TaskTable _tasks;
    /// <summary>Explicit id to the index of its first task; null when no task has an explicit id.</summary>
    private readonly Dictionary<string, int>? _byId;

    /// <summary>Indexes the explicit ids of <paramref name="tasks"/>; <paramref name="duplicates"/>
    /// receives every task whose id another task already has (an earlier task with the same id,
    /// or an anonymous task whose name <c>task-{index}</c> it takes), with that other task.</summary>
    public TaskIdIndex(TaskTable tasks, List<(int Task, int Other)> duplicates)
    {
        _tasks = tasks;
        List<string>? ids = null;
        for (var i = 0; i < tasks.Count; i++)
        {
            if (!tasks.HasExplicitId(i))
            {
                continue;
            }

            var id = tasks.GetId(i);
            // Sized for every remaining task: definitions name all their tasks or few of them.
            _byId ??= new Dictionary<string, int>(tasks.Count - i, StringComparer.Ordinal);
            ids ??= new List<string>(tasks.Count - i);
            if (!_byId.TryAdd(id, i))
            {
                duplicates.Add((i, _byId[id]));
                continue;
            }

            ids.Add(id);
            if (AnonymousIndex(id) is var anonymous and >= 0)
            {
                duplicates.Add((i, anonymous));
            }
        }

        ExplicitIds = ids is null ? [] : ids;
    }

    /// <summary>Every distinct explicit id in declaration order, for "did you mean" hints.</summary>
    public IReadOnlyList<string> ExplicitIds { get; }

    /// <summary>The index of the (first) task named <paramref name="id"/>, or -1.</summary>
    public int IndexOf(string id)
    {
        if (_byId is not null && _byId.TryGetValue(id, out var index))
        {
            return index;
        }

        return AnonymousIndex(id);
    }

    private int AnonymousIndex(string id)
    {
        if (id.StartsWith(AnonymousPrefix, StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(AnonymousPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && (uint)index < (uint)_tasks.Count
            && !_tasks.HasExplicitId(index)
            && string.Equals(TaskTable.AnonymousId(index), id, StringComparison.Ordinal))
        {
            return index;
        }

        return -1;
    }
}
