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
    /// <summary><see cref="_byId"/> looked up by spans, for ids read out of expressions.</summary>
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

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
        if (_byId is not null)
        {
            _bySpan = _byId.GetAlternateLookup<ReadOnlySpan<char>>();
        }
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

    /// <summary>The index of the (first) task named <paramref name="id"/>, or -1; the id is not copied.</summary>
    public int IndexOf(ReadOnlySpan<char> id)
    {
        if (_byId is not null && _bySpan.TryGetValue(id, out var index))
        {
            return index;
        }

        return AnonymousIndex(id);
    }

    private int AnonymousIndex(ReadOnlySpan<char> id)
    {
        // task-{index} exactly as TaskTable writes it: digits without a sign or leading zeros.
        if (id.StartsWith(AnonymousPrefix, StringComparison.Ordinal)
            && id.Length > AnonymousPrefix.Length
            && (id.Length == AnonymousPrefix.Length + 1 || id[AnonymousPrefix.Length] != '0')
            && int.TryParse(id[AnonymousPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && (uint)index < (uint)_tasks.Count
            && !_tasks.HasExplicitId(index))
        {
            return index;
        }

        return -1;
    }
}
