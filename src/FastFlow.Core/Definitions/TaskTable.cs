using System.Collections;
using System.Runtime.CompilerServices;

namespace FastFlow.Definitions;

/// <summary>The tasks of a definition in graph form: parallel arrays indexed by task, and the
/// dependencies of every task as a compressed row list of task indices. Plain tasks built in code
/// carry no per-task objects (no id string, shared <see cref="TaskOptions.None"/>), and a column
/// whose value is the same for every task is not stored at all, so a million plain tasks cost
/// just the dependency arrays. Immutable.</summary>
public sealed class TaskTable : IReadOnlyList<TaskView>
{
    /// <summary>Task ids as written; null entries for anonymous tasks, shown as <c>task-{index}</c>.
    /// Null when every task is anonymous.</summary>
    private readonly string?[]? _ids;
    /// <summary>Options per task; null entries mean <see cref="TaskOptions.None"/>. Null when every task has none.</summary>
    private readonly TaskOptions?[]? _options;
    /// <summary>Inline code per task from the builder; null entries when the task names an action or
    /// handler. Null when every task has <see cref="_uniformHandler"/>.</summary>
    private readonly TaskHandler?[]? _handlers;
    /// <summary>The inline code of every task, when <see cref="_handlers"/> is null.</summary>
    private readonly TaskHandler? _uniformHandler;
    /// <summary>Dependencies of task i are <c>_dependencies[_dependencyStart[i].._dependencyStart[i + 1]]</c>.</summary>
    private readonly int[] _dependencyStart;
    /// <summary>Task indices of dependencies, grouped by dependent task.</summary>
    private readonly int[] _dependencies;
    /// <summary>Id to index, built on first use (anonymous tasks are not in it).</summary>
    private Dictionary<string, int>? _indexById;

    internal TaskTable(
        int count,
        string?[]? ids,
        TaskOptions?[]? options,
        TaskHandler?[]? handlers,
        TaskHandler? uniformHandler,
        int[] dependencyStart,
        int[] dependencies,
        UnresolvedDependency[] unresolved)
    {
        Count = count;
        _ids = ids;
        _options = options;
        _handlers = handlers;
        _uniformHandler = uniformHandler;
        _dependencyStart = dependencyStart;
        _dependencies = dependencies;
        Unresolved = unresolved;
    }

    /// <summary>An empty table.</summary>
    public static TaskTable Empty { get; } = new(0, null, null, null, null, [0], [], []);

    /// <summary>The number of tasks.</summary>
    public int Count { get; }

    /// <summary>The number of dependency edges.</summary>
    public int EdgeCount => _dependencyStart[Count];

    /// <summary>Dependencies named by id that matched no task; validation reports them.</summary>
    public IReadOnlyList<UnresolvedDependency> Unresolved { get; }

    /// <summary>The task at <paramref name="index"/>.</summary>
    public TaskView this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowIndexOutOfRange(index);
            }

            return new TaskView(this, index);
        }
    }

    /// <summary>The id of a task; anonymous tasks get <c>task-{index}</c>.</summary>
    public string GetId(int index) => _ids?[index] ?? AnonymousId(index);

    /// <summary>True when the task was given an id (not anonymous).</summary>
    public bool HasExplicitId(int index) => _ids?[index] is not null;

    /// <summary>The options of a task.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TaskOptions GetOptions(int index) => _options?[index] ?? TaskOptions.None;

    /// <summary>The inline code of a task, when it was built with some.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TaskHandler? GetHandler(int index) => _handlers is null ? _uniformHandler : _handlers[index];

    /// <summary>True when no task has an id (every one is anonymous).</summary>
    internal bool AllAnonymous => _ids is null;

    /// <summary>True when no task has options.</summary>
    internal bool AllWithoutOptions => _options is null;

    /// <summary>Where each task's dependencies start in the row list; entry <see cref="Count"/> is the edge count.</summary>
    internal int[] DependencyStart => _dependencyStart;

    /// <summary>The indices of the tasks <paramref name="index"/> depends on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> GetDependencies(int index)
    {
        var start = _dependencyStart[index];
        return new ReadOnlySpan<int>(_dependencies, start, _dependencyStart[index + 1] - start);
    }

    /// <summary>The index of the task with this id, or -1.</summary>
    public int IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var map = _indexById ?? BuildIndex();
        return map.TryGetValue(id, out var index) ? index : -1;
    }

    /// <summary>Every explicit task id, in declaration order.</summary>
    public IEnumerable<string> Ids
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return GetId(i);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerator<TaskView> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new TaskView(this, i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string AnonymousId(int index) => "task-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Dictionary<string, int> BuildIndex()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            // The first of duplicate ids wins; validation reports the others. Anonymous tasks are
            // findable by their shown id too.
            map.TryAdd(GetId(i), i);
        }

        // A benign race: two threads may build the same map; either result is correct.
        _indexById = map;
        return map;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowIndexOutOfRange(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The table has {Count} tasks.");
}

/// <summary>A dependency written by id that names no task of the definition.</summary>
/// <param name="Task">Index of the task that declared it.</param>
/// <param name="Ordinal">Its position in that task's <c>dependencies</c> list.</param>
/// <param name="Name">The id as written.</param>
public readonly record struct UnresolvedDependency(int Task, int Ordinal, string Name);
