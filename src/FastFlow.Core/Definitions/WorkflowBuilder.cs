using FastFlow.Collections;

namespace FastFlow.Definitions;

/// <summary>Builds a <see cref="WorkflowDefinition"/> in code, and is the one path by which the
/// file loaders build them too. Tasks are appended to chunked arrays and dependencies recorded as
/// index pairs, so a graph of millions of plain tasks is built in tens of nanoseconds per task.
/// Not thread-safe; <see cref="Build"/> may be called once.</summary>
/// <example>
/// <code>
/// var flow = new WorkflowBuilder("etl");
/// var extract = flow.Task("extract", ctx => TaskResult.Success(Fetch()));
/// var load = flow.Task("load", "save_rows").DependsOn(extract).Retry(maxAttempts: 3, baseDelaySeconds: 0.5);
/// WorkflowDefinition definition = flow.Build();
/// </code>
/// </example>
public sealed partial class WorkflowBuilder
{
    /// <summary>Task ids; null for anonymous tasks.</summary>
    private UniformColumn<string> _ids;
    /// <summary>Task options; null for <see cref="TaskOptions.None"/>.</summary>
    private UniformColumn<TaskOptions> _options;
    /// <summary>Inline code per task.</summary>
    private UniformColumn<TaskHandler> _handlers;
    /// <summary>Tasks added so far.</summary>
    private int _taskCount;
    /// <summary>Edges as (dependent &lt;&lt; 32 | dependency); a negative dependency -(k + 1) refers to <see cref="_namedDependencies"/>[k].</summary>
    private ChunkedList<long> _edges;
    /// <summary>Dependencies written by id, resolved at <see cref="Build"/>.</summary>
    private List<(int Task, int Ordinal, string Name)>? _namedDependencies;
    /// <summary>Per task, how many dependencies were written by id so far (for error paths).</summary>
    private Dictionary<int, int>? _namedCounts;
    private readonly List<InputDeclaration> _inputs = [];
    private readonly List<OutputDeclaration> _outputs = [];
    /// <summary>The last delegate wrapped into a <see cref="TaskHandler"/> and its wrapper, so
    /// that a million tasks sharing one lambda share one wrapper.</summary>
    private (Delegate? Source, TaskHandler? Wrapper) _lastWrapped;
    private bool _built;

    /// <summary>Starts a definition with the given id (<c>[A-Za-z0-9._-]+</c>).</summary>
    public WorkflowBuilder(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
    }

    /// <summary>The workflow id.</summary>
    public string Id { get; private set; }

    /// <summary>The number of tasks added so far.</summary>
    public int TaskCount => _taskCount;

    private string? _name;
    private string _schemaVersion = WorkflowDefinition.CurrentSchemaVersion;
    private int? _revision;
    private string? _description;
    private TaskDefaults _defaults = TaskDefaults.None;
    private double? _timeoutSeconds;
    private int? _maxConcurrency;
    private FailurePolicy _onFailure = FailurePolicy.Fail;
    private SourceMap? _source;

    /// <summary>Sets the human name.</summary>
    public WorkflowBuilder Name(string? name) { _name = name; return this; }

    /// <summary>Sets the description.</summary>
    public WorkflowBuilder Description(string? description) { _description = description; return this; }

    /// <summary>Sets the author's revision number.</summary>
    public WorkflowBuilder Revision(int? revision) { _revision = revision; return this; }

    /// <summary>Sets the schema version the definition was written in.</summary>
    public WorkflowBuilder SchemaVersion(string version) { _schemaVersion = version ?? throw new ArgumentNullException(nameof(version)); return this; }

    /// <summary>Sets the task defaults.</summary>
    public WorkflowBuilder Defaults(TaskDefaults defaults) { _defaults = defaults ?? throw new ArgumentNullException(nameof(defaults)); return this; }

    /// <summary>Sets the whole-run deadline in seconds.</summary>
    public WorkflowBuilder Timeout(double? seconds) { _timeoutSeconds = seconds; return this; }

    /// <summary>Bounds the tasks of one run in flight at once.</summary>
    public WorkflowBuilder MaxConcurrency(int? limit) { _maxConcurrency = limit; return this; }

    /// <summary>Sets the run-level failure policy (fail, compensate or pause).</summary>
    public WorkflowBuilder OnFailure(FailurePolicy policy) { _onFailure = policy; return this; }

    /// <summary>Declares an input.</summary>
    public WorkflowBuilder Input(InputDeclaration input) { _inputs.Add(input ?? throw new ArgumentNullException(nameof(input))); return this; }

    /// <summary>Declares an input.</summary>
    public WorkflowBuilder Input(string name, InputType type = InputType.Any, bool required = false, object? defaultValue = null) =>
        Input(new InputDeclaration { Name = name, Type = type, Required = required, Default = defaultValue, HasDefault = defaultValue is not null });

    /// <summary>Declares an output computed from an expression or template when the run completes.</summary>
    public WorkflowBuilder Output(string name, string expression) { _outputs.Add(new OutputDeclaration(name, expression)); return this; }

    /// <summary>Attaches source positions (used by the file loaders).</summary>
    public WorkflowBuilder Source(SourceMap? source) { _source = source; return this; }

    internal void SetId(string id) => Id = id;

    /// <summary>Adds an anonymous task that does nothing.</summary>
    public TaskRef Task() => Add(null, null, null);

    /// <summary>Adds a task with options (an action, a handler name, parameters...).</summary>
    public TaskRef Task(string? id, TaskOptions options) => Add(id, options, null);

    /// <summary>Adds a task that does nothing (a <c>noop</c>) unless configured later.</summary>
    public TaskRef Task(string id) => Add(id, null, null);

    /// <summary>Adds a task that runs a handler registered under <paramref name="handlerName"/>.</summary>
    public TaskRef Task(string id, string handlerName) => Add(id, new TaskOptions { Handler = handlerName }, null);

    /// <summary>Adds a task running inline code.</summary>
    public TaskRef Task(string? id, TaskHandler handler) => Add(id, null, handler ?? throw new ArgumentNullException(nameof(handler)));

    /// <summary>Adds an anonymous task running inline code.</summary>
    public TaskRef Task(TaskHandler handler) => Add(null, null, handler ?? throw new ArgumentNullException(nameof(handler)));

    /// <summary>Adds a task running synchronous code without output.</summary>
    public TaskRef Task(string? id, Action<TaskContext> action) => Add(id, null, Wrap(action));

    /// <summary>Adds an anonymous task running synchronous code without output.</summary>
    public TaskRef Task(Action<TaskContext> action) => Add(null, null, Wrap(action));

    /// <summary>Adds a task running synchronous code whose return value is the output.</summary>
    public TaskRef Task(string? id, Func<TaskContext, object?> function) => Add(id, null, Wrap(function));

    private TaskRef Add(string? id, TaskOptions? options, TaskHandler? handler)
    {
        if (_built)
        {
            ThrowBuilt();
        }

        var index = _taskCount++;
        _ids.Add(id);
        _options.Add(options);
        _handlers.Add(handler);
        return new TaskRef(this, index);
    }

    internal void SetOptions(int task, TaskOptions options) => _options.Set(task, options);

    internal TaskOptions GetOptions(int task) => _options.Get(task) ?? TaskOptions.None;

    internal void AddDependency(int task, int dependency)
    {
        if ((uint)dependency >= (uint)_taskCount || (uint)task >= (uint)_taskCount)
        {
            throw new ArgumentOutOfRangeException(nameof(dependency), "Both tasks must belong to this builder.");
        }

        _edges.Add(((long)task << 32) | (uint)dependency);
    }

    /// <summary>Records a dependency by id, resolved when the definition is built; an id that
    /// names no task is kept as an <see cref="UnresolvedDependency"/> for validation to report.</summary>
    internal void AddDependency(int task, string name, int? ordinal = null)
    {
        _namedDependencies ??= [];
        _namedCounts ??= [];
        _namedCounts.TryGetValue(task, out var count);
        _namedCounts[task] = count + 1;
        _namedDependencies.Add((task, ordinal ?? count, name));
        _edges.Add(((long)task << 32) | (uint)(-_namedDependencies.Count));
    }

    private TaskHandler Wrap(Action<TaskContext> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (ReferenceEquals(_lastWrapped.Source, action))
        {
            return _lastWrapped.Wrapper!;
        }

        TaskHandler wrapper = context =>
        {
            action(context);
            return default;
        };
        _lastWrapped = (action, wrapper);
        return wrapper;
    }

    private TaskHandler Wrap(Func<TaskContext, object?> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (ReferenceEquals(_lastWrapped.Source, function))
        {
            return _lastWrapped.Wrapper!;
        }

        TaskHandler wrapper = context => function(context) switch
        {
            TaskResult result => result,
            var output => TaskResult.Success(output),
        };
        _lastWrapped = (function, wrapper);
        return wrapper;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowBuilt() => throw new InvalidOperationException("Build() was already called on this builder.");
}
