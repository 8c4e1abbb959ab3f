using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Visualization;

/// <summary>What every form of the visual report shows, computed once from a validation result:
/// each task's level, runner and problems, the edges of cycles and the unknown dependencies.</summary>
internal sealed class GraphView
{
    /// <summary>Problems per task, for the tasks that have some.</summary>
    private readonly Dictionary<int, List<Diagnostic>> _byTask = [];
    /// <summary>Edges (dependency &lt;&lt; 32 | dependent) of the reported cycles.</summary>
    private readonly HashSet<long> _cycleEdges = [];
    /// <summary>The last edge of each reported cycle, back to its first task: left out of the
    /// levels, so that the cycle reads forward from its first task as its message does.</summary>
    private readonly HashSet<long> _closingEdges = [];
    private readonly Dictionary<string, int> _missingIndex = new(StringComparer.Ordinal);
    /// <summary>Unknown dependency names per task, for the tasks that have some.</summary>
    private readonly Dictionary<int, List<string>> _unknownByTask = [];

    public GraphView(ValidationResult result)
    {
        Result = result;
        Tasks = result.Definition.Tasks;
        for (var i = 0; i < result.Diagnostics.Count; i++)
        {
            var task = result.DiagnosticTasks[i];
            if (task < 0)
            {
                WorkflowDiagnostics.Add(result.Diagnostics[i]);
            }
            else
            {
                if (!_byTask.TryGetValue(task, out var list))
                {
                    list = [];
                    _byTask[task] = list;
                }

                list.Add(result.Diagnostics[i]);
            }
        }

        foreach (var cycle in result.Cycles)
        {
            for (var k = 0; k < cycle.Length; k++)
            {
                _cycleEdges.Add(Edge(cycle[k], cycle[(k + 1) % cycle.Length]));
            }

            _closingEdges.Add(Edge(cycle[^1], cycle[0]));
        }

        foreach (var unresolved in Tasks.Unresolved)
        {
            if (_missingIndex.TryAdd(unresolved.Name, MissingNames.Count))
            {
                MissingNames.Add(unresolved.Name);
            }

            if (!_unknownByTask.TryGetValue(unresolved.Task, out var names))
            {
                names = [];
                _unknownByTask[unresolved.Task] = names;
            }

            names.Add(unresolved.Name);
        }

        Levels = ComputeLevels(Tasks, _closingEdges, out var levelCount);
        LevelCount = levelCount;
        for (var i = 0; i < Tasks.Count; i++)
        {
            EdgeCount += DistinctDependencies(i).Count;
        }
    }

    public ValidationResult Result { get; }

    public TaskTable Tasks { get; }

    /// <summary>Per task, its depth: 0 without dependencies, else one more than its deepest
    /// dependency, the edges that close cycles left out.</summary>
    public int[] Levels { get; }

    public int LevelCount { get; }

    /// <summary>Distinct resolved dependency edges.</summary>
    public int EdgeCount { get; }

    /// <summary>Problems about the workflow as a whole.</summary>
    public List<Diagnostic> WorkflowDiagnostics { get; } = [];

    /// <summary>Distinct names of unknown dependencies, in the order first met.</summary>
    public List<string> MissingNames { get; } = [];

    public IReadOnlyList<Diagnostic> DiagnosticsOf(int task) =>
        _byTask.TryGetValue(task, out var list) ? list : [];

    public bool HasError(int task) => _byTask.TryGetValue(task, out var list) && list.Exists(d => d.IsError);

    public bool HasWarning(int task) => _byTask.TryGetValue(task, out var list) && list.Exists(d => !d.IsError);

    public bool IsCycleEdge(int dependency, int dependent) => dependency == dependent || _cycleEdges.Contains(Edge(dependency, dependent));

    public int MissingIndex(string name) => _missingIndex[name];

    /// <summary>The names of the unknown tasks <paramref name="task"/> depends on.</summary>
    public IReadOnlyList<string> UnknownDependencies(int task) =>
        _unknownByTask.TryGetValue(task, out var names) ? names : [];

    /// <summary>What the task runs, as the report shows it: <c>action api_call</c>, <c>handler transform</c> or <c>inline</c>.</summary>
    public string Runner(int task)
    {
        var bound = Result.Tasks[task];
        var options = Tasks.GetOptions(task);
        if (Tasks.GetHandler(task) is not null)
        {
            return "inline";
        }

        return options.Handler is not null && options.Action is null ? "handler " + bound.ActionName : "action " + bound.ActionName;
    }

    /// <summary>The trigger rule when it is not the default, else null.</summary>
    public string? TriggerRule(int task)
    {
        var rule = Result.Tasks[task].TriggerRule;
        return rule == FastFlow.TriggerRule.AllSuccess ? null : rule.ToWireName();
    }

    /// <summary>A task's dependencies without repeats, in written order.</summary>
    public List<int> DistinctDependencies(int task)
    {
        var dependencies = Tasks.GetDependencies(task);
        var distinct = new List<int>(dependencies.Length);
        foreach (var dependency in dependencies)
        {
            if (!distinct.Contains(dependency))
            {
                distinct.Add(dependency);
            }
        }

        return distinct;
    }

    /// <summary>Tasks sorted by level, then by index.</summary>
    public int[] TasksByLevel()
    {
        var order = new int[Tasks.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var levels = Levels;
        Array.Sort(order, (a, b) => levels[a] != levels[b] ? levels[a].CompareTo(levels[b]) : a.CompareTo(b));
        return order;
    }

    private static long Edge(int dependency, int dependent) => ((long)dependency << 32) | (uint)dependent;

    /// <summary>Longest-path depths by an iterative depth-first search over dependencies, leaving
    /// out the <paramref name="closing"/> edges and any other edge to a dependency still on the
    /// search stack (it closes a cycle).</summary>
    private static int[] ComputeLevels(TaskTable tasks, HashSet<long> closing, out int levelCount)
    {
        const byte OnStack = 1;
        const byte Done = 2;
        var count = tasks.Count;
        var levels = new int[count];
        var state = new byte[count];
        var stackTask = new int[count];
        var stackPosition = new int[count];
        levelCount = count == 0 ? 0 : 1;
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            var depth = 0;
            stackTask[depth] = root;
            stackPosition[depth++] = 0;
            state[root] = OnStack;
            while (depth > 0)
            {
                var task = stackTask[depth - 1];
                var dependencies = tasks.GetDependencies(task);
                var position = stackPosition[depth - 1];
                if (position < dependencies.Length)
                {
                    stackPosition[depth - 1] = position + 1;
                    var next = dependencies[position];
                    if (state[next] == 0 && (closing.Count == 0 || !closing.Contains(Edge(next, task))))
                    {
                        state[next] = OnStack;
                        stackTask[depth] = next;
                        stackPosition[depth++] = 0;
                    }

                    continue;
                }

                var level = 0;
                foreach (var dependency in dependencies)
                {
                    if (state[dependency] == Done && (closing.Count == 0 || !closing.Contains(Edge(dependency, task))))
                    {
                        level = Math.Max(level, levels[dependency] + 1);
                    }
                }

                levels[task] = level;
                levelCount = Math.Max(levelCount, level + 1);
                state[task] = Done;
                depth--;
            }
        }

        return levels;
    }
}
