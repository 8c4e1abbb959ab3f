namespace FastFlow.Expressions;

/// <summary>The distinct task indices of several lists, in order of first reference. When one of
/// the lists holds all the others' indices (a template and a condition reading the same task),
/// that list is the union and nothing is copied.</summary>
internal struct TaskUnion
{
    /// <summary>Scratch for a union that needs its own list.</summary>
    private readonly List<int> _buffer;
    /// <summary>The first non-empty list added.</summary>
    private IReadOnlyList<int>? _first;
    /// <summary>True once <see cref="_buffer"/> holds the union.</summary>
    private bool _merged;

    /// <summary>Starts an empty union that uses <paramref name="buffer"/> (cleared) when it must.</summary>
    public TaskUnion(List<int> buffer)
    {
        buffer.Clear();
        _buffer = buffer;
    }

    /// <summary>Adds the indices of <paramref name="tasks"/> not in the union yet.</summary>
    public void Add(IReadOnlyList<int> tasks)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        if (_first is null)
        {
            _first = tasks;
            return;
        }

        if (!_merged)
        {
            if (ContainsAll(_first, tasks))
            {
                return;
            }

            for (var i = 0; i < _first.Count; i++)
            {
                _buffer.Add(_first[i]);
            }

            _merged = true;
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            if (!_buffer.Contains(tasks[i]))
            {
                _buffer.Add(tasks[i]);
            }
        }
    }

    /// <summary>The union: one of the lists added, or a new array.</summary>
    public readonly IReadOnlyList<int> ToList() => _merged ? _buffer.ToArray() : _first ?? [];

    private static bool ContainsAll(IReadOnlyList<int> all, IReadOnlyList<int> some)
    {
        for (var i = 0; i < some.Count; i++)
        {
            var found = false;
            for (var j = 0; j < all.Count && !found; j++)
            {
                found = all[j] == some[i];
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
