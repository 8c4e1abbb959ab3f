namespace FastFlow.Definitions;

/// <summary>One task of a <see cref="TaskTable"/>: a view, not a copy.</summary>
public readonly struct TaskView
{
    private readonly TaskTable _table;

    internal TaskView(TaskTable table, int index)
    {
        _table = table;
        Index = index;
    }

    /// <summary>The task's position in declaration order.</summary>
    public int Index { get; }

    /// <summary>The task's id (<c>task-{index}</c> for anonymous tasks).</summary>
    public string Id => _table.GetId(Index);

    /// <summary>The task's options.</summary>
    public TaskOptions Options => _table.GetOptions(Index);

    /// <summary>The task's inline code, if it was built with some.</summary>
    public TaskHandler? Handler => _table.GetHandler(Index);

    /// <summary>Indices of the tasks this one depends on.</summary>
    public ReadOnlySpan<int> Dependencies => _table.GetDependencies(Index);

    /// <summary>Ids of the tasks this one depends on.</summary>
    public IReadOnlyList<string> DependencyIds
    {
        get
        {
            var deps = _table.GetDependencies(Index);
            var ids = new string[deps.Length];
            for (var i = 0; i < deps.Length; i++)
            {
                ids[i] = _table.GetId(deps[i]);
            }

            return ids;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
