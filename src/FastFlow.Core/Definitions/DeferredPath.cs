namespace FastFlow.Definitions;

/// <summary>A diagnostic path that is built only when something is reported at it: a task's path
/// (<c>tasks.&lt;id&gt;</c>, see <see cref="DefinitionPath.Task"/>) followed by a suffix of plain
/// fields (<c>.when</c>, <c>.compensation.parameters</c>) and an optional item index, or a path
/// given whole. Valid definitions report nothing, so validating one builds no path string.</summary>
internal readonly struct DeferredPath
{
    /// <summary>The complete path, when given whole.</summary>
    private readonly string? _path;
    /// <summary>The tasks whose <see cref="_task"/> the path starts at.</summary>
    private readonly TaskTable? _tasks;
    private readonly int _task;
    /// <summary>Plain fields after the task, each with its leading dot.</summary>
    private readonly string? _suffix;
    /// <summary>The item index after the suffix, or -1.</summary>
    private readonly int _item;

    /// <summary>A path given whole.</summary>
    public DeferredPath(string path)
    {
        _path = path;
        _item = -1;
    }

    private DeferredPath(TaskTable tasks, int task, string suffix, int item)
    {
        _tasks = tasks;
        _task = task;
        _suffix = suffix;
        _item = item;
    }

    /// <summary>The path <c>tasks.&lt;id&gt;{suffix}</c> of task <paramref name="task"/> of
    /// <paramref name="tasks"/>, with <c>[item]</c> after it when <paramref name="item"/> is not
    /// negative. The <paramref name="suffix"/> is plain fields with their leading dots, such as
    /// <c>.when</c>.</summary>
    public static DeferredPath Task(TaskTable tasks, int task, string suffix, int item = -1) => new(tasks, task, suffix, item);

    /// <summary>Builds the path.</summary>
    public string Build()
    {
        if (_path is not null)
        {
            return _path;
        }

        var path = string.Concat(DefinitionPath.Task(_tasks!.GetId(_task)), _suffix);
        return _item < 0 ? path : DefinitionPath.Item(path, _item);
    }

    /// <inheritdoc/>
    public override string ToString() => _tasks is null && _path is null ? string.Empty : Build();
}
