using FastFlow.Definitions;
using FastFlow.Expressions;
using FastFlow.Registry;

namespace FastFlow.Validation;

/// <summary>One validation of one definition: the state that <see cref="DefinitionValidator"/>
/// must not share between concurrent calls. Split by concern: workflow settings, task binding,
/// the dependency graph.</summary>
internal sealed partial class DefinitionChecker
{
    private readonly WorkflowDefinition _definition;
    private readonly TaskTable _tasks;
    private readonly FlowRegistry _registry;
    private readonly FlowEngineOptions _engineOptions;
    private readonly bool _checkReferences;
    /// <summary>Receives each task once bound; null when nobody asked.</summary>
    private readonly IBoundTaskSink? _sink;
    /// <summary>Every problem found so far, in the order found.</summary>
    private readonly List<Diagnostic> _diagnostics = [];
    /// <summary>Per diagnostic, the task it is about or -1; may lag behind <see cref="_diagnostics"/>
    /// while an action or the expression compiler reports, and is caught up by <see cref="Attribute"/>.</summary>
    private readonly List<int> _diagnosticTasks = [];
    /// <summary>Task ids to indices; set before tasks are bound.</summary>
    private TaskIdIndex _ids = null!;
    /// <summary>The dependency graph; set before tasks are bound.</summary>
    private DependencyGraph _graph = null!;
    /// <summary>The task whose path <see cref="_path"/> holds.</summary>
    private int _pathTask = -1;
    private string? _path;

    public DefinitionChecker(WorkflowDefinition definition, FlowRegistry registry, FlowEngineOptions engineOptions, bool checkReferences, IBoundTaskSink? sink = null)
    {
        _sink = sink;
        _definition = definition;
        _tasks = definition.Tasks;
        _registry = registry;
        _engineOptions = engineOptions;
        _checkReferences = checkReferences;
    }

    public ValidationResult Run()
    {
        CheckWorkflow();
        _ids = IndexIds();
        // The graph reports nothing itself; built first, it lets binding check each task's reads.
        var graph = _graph = DependencyGraph.Build(_tasks);
        var bound = BindTasks();
        CheckDependencies(graph);
        var cycles = CycleFinder.Find(_tasks.Count, graph.SuccessorStart, graph.Successors, graph.Order);
        ReportCycles(cycles);
        ReportUpstreamReads(bound);
        CheckNeverRuns(bound, graph);
        var outputs = CompileOutputs();
        return Finish(bound, graph, cycles, outputs);
    }

    /// <summary>Records a problem about <paramref name="task"/> (-1 for the workflow).</summary>
    private void Report(int task, string code, string path, string message, string? hint = null, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        Attribute(-1);
        _diagnostics.Add(new Diagnostic { Code = code, Severity = severity, Message = message, Hint = hint, Path = path });
        _diagnosticTasks.Add(task);
    }

    /// <summary>Attributes the diagnostics others added since the last call to <paramref name="task"/>.</summary>
    private void Attribute(int task)
    {
        while (_diagnosticTasks.Count < _diagnostics.Count)
        {
            _diagnosticTasks.Add(task);
        }
    }

    /// <summary>Locates every diagnostic in the source and sorts them by line then column, keeping
    /// the order found among equals (every diagnostic of a definition built in code).</summary>
    private ValidationResult Finish(BoundTask[] bound, DependencyGraph graph, int[][] cycles, CompiledTemplate?[] outputs)
    {
        Attribute(-1);
        var count = _diagnostics.Count;
        var diagnostics = new Diagnostic[count];
        var tasks = new int[count];
        var source = _definition.Source;
        for (var i = 0; i < count; i++)
        {
            diagnostics[i] = source is null ? _diagnostics[i] : _diagnostics[i].Locate(source);
            tasks[i] = _diagnosticTasks[i];
        }

        if (source is not null && count > 1)
        {
            var keys = new (int Line, int Column, int Found)[count];
            for (var i = 0; i < count; i++)
            {
                keys[i] = (diagnostics[i].Line, diagnostics[i].Column, i);
            }

            Array.Sort(keys, diagnostics);
            var sortedTasks = new int[count];
            for (var i = 0; i < count; i++)
            {
                sortedTasks[i] = tasks[keys[i].Found];
            }

            tasks = sortedTasks;
        }

        return new ValidationResult(_definition, diagnostics, tasks, bound, graph.SuccessorStart, graph.Successors, graph.Order, cycles, outputs);
    }

    /// <summary>A task's id as users see it (<c>task-{index}</c> when anonymous).</summary>
    private string IdOf(int task) => _tasks.GetId(task);

    /// <summary>A task's JSON path, <c>tasks.&lt;id&gt;</c>.</summary>
    private string PathOf(int task) => DefinitionPath.Task(_tasks.GetId(task));

    /// <summary><see cref="PathOf"/>, remembered for the task being bound: binding asks for it
    /// only when it reports or prepares an action, often several times for one task.</summary>
    private string TaskPath(int task)
    {
        if (_pathTask != task || _path is null)
        {
            _path = PathOf(task);
            _pathTask = task;
        }

        return _path;
    }
}
