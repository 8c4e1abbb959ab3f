using FastFlow.Definitions;
using FastFlow.Expressions;

namespace FastFlow.Validation;

internal sealed partial class DefinitionChecker
{
    /// <summary>Compiles every expression of the definition; made on the first expression met.</summary>
    private ExpressionCompilation? _compilation;
    /// <summary>Scratch for the union of the tasks a task's conditions and parameters read.</summary>
    private readonly List<int> _readTasks = [];
    /// <summary>Whether some task has a constant condition (then <see cref="CheckNeverRuns"/> may have work).</summary>
    private bool _anyConstantCondition;
    /// <summary>The last stamp of <see cref="IsAncestor"/>'s searches.</summary>
    private int _searchStamp;
    /// <summary>Per task, its place in the topological order or -1; made for the first task that reads another.</summary>
    private int[]? _position;
    /// <summary>Scratch of <see cref="IsAncestor"/>: the stamp of the last search that visited each task.</summary>
    private int[]? _seen;
    /// <summary>Scratch of <see cref="IsAncestor"/>: the tasks to visit.</summary>
    private int[]? _stack;
    /// <summary>Reads of tasks that are not upstream, as (task, read), in the order found.</summary>
    private List<(int Task, int Read)>? _notUpstream;

    private ExpressionCompilation Compilation()
    {
        if (_compilation is null)
        {
            var inputs = _definition.Inputs;
            string[]? declared = null;
            if (inputs.Count > 0)
            {
                declared = new string[inputs.Count];
                for (var i = 0; i < declared.Length; i++)
                {
                    declared[i] = inputs[i].Name;
                }
            }

            var scope = new ExpressionScope((ExpressionScope.TaskIndexLookup)_ids.IndexOf, _ids.ExplicitIds, declared);
            _compilation = new ExpressionCompilation(scope, _diagnostics, expectedTexts: _tasks.Count);
        }

        return _compilation;
    }

    /// <summary>Compiles <c>when</c> and <c>conditions</c>; null when the task has none or one failed.</summary>
    private CompiledExpression[]? CompileConditions(int task, TaskOptions options)
    {
        var count = (options.When is null ? 0 : 1) + (options.Conditions?.Count ?? 0);
        if (count == 0)
        {
            return null;
        }

        var compiled = new CompiledExpression[count];
        var failed = false;
        var k = 0;
        if (options.When is { } when)
        {
            failed |= !Compile(task, when, DeferredPath.Task(_tasks, task, ".when"), out compiled[k++]);
        }

        if (options.Conditions is { } conditions)
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                failed |= !Compile(task, conditions[i], DeferredPath.Task(_tasks, task, ".conditions", i), out compiled[k++]);
            }
        }

        if (failed)
        {
            return null;
        }

        foreach (var condition in compiled)
        {
            _anyConstantCondition |= condition.IsConstant;
        }

        return compiled;
    }

    private bool Compile(int task, string? text, in DeferredPath path, out CompiledExpression compiled)
    {
        if (text is null)
        {
            Report(task, DiagnosticCodes.WrongType, path.Build(), "a condition must be an expression, not null", "write an expression such as `inputs.count > 0`");
            compiled = null!;
            return false;
        }

        compiled = Compilation().Compile(text, path)!;
        return compiled is not null;
    }

    /// <summary>Compiles a parameter tree at <paramref name="path"/>; null when it has errors.</summary>
    private CompiledValue? CompileParameters(IReadOnlyDictionary<string, object?> parameters, in DeferredPath path) =>
        Compilation().CompileValue(parameters, path);

    /// <summary>The distinct tasks read by <paramref name="conditions"/> and <paramref name="parameters"/>,
    /// in order of first reference; one source's own list when it holds the others'.</summary>
    private IReadOnlyList<int> ReadTasks(CompiledExpression[]? conditions, CompiledValue? parameters)
    {
        var reads = new TaskUnion(_readTasks);
        if (conditions is not null)
        {
            foreach (var condition in conditions)
            {
                reads.Add(condition.ReferencedTasks);
            }
        }

        if (parameters is not null)
        {
            reads.Add(parameters.ReferencedTasks);
        }

        return reads.ToList();
    }

    /// <summary>True when one of the conditions is constant and false: the task is always skipped.</summary>
    private static bool IsConstantFalse(CompiledExpression[]? conditions, out CompiledExpression? culprit)
    {
        culprit = null;
        if (conditions is null)
        {
            return false;
        }

        foreach (var condition in conditions)
        {
            if (!condition.IsConstant)
            {
                continue;
            }

            try
            {
                if (!condition.EvaluateCondition(ConstantContext.Instance))
                {
                    culprit = condition;
                    return true;
                }
            }
            catch (ExpressionEvaluationException)
            {
                // It fails the same way at run time, where the error is reported with the run;
                // whether the task runs is not decided here.
            }
        }

        return false;
    }

    /// <summary>Compiles the workflow's outputs (templates) at <c>outputs.&lt;name&gt;</c>.</summary>
    private CompiledTemplate?[] CompileOutputs()
    {
        var outputs = _definition.Outputs;
        if (outputs.Count == 0)
        {
            return [];
        }

        var compiled = new CompiledTemplate?[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var path = DefinitionPath.Field("outputs", outputs[i].Name);
            compiled[i] = Compilation().CompileTemplate(outputs[i].Expression, new DeferredPath(path));
            Attribute(-1);
        }

        return compiled;
    }

    /// <summary>FF1036: a task that reads a task which is not among its direct or indirect
    /// dependencies may find nothing there yet. Checked as each task is bound (tasks reading
    /// nothing cost one check); what it finds is reported by <see cref="ReportUpstreamReads"/>,
    /// in the order of the tasks.</summary>
    private void CheckUpstreamReads(int i, BoundTask bound)
    {
        var reads = bound.ReferencedTasks;
        if (reads.Count == 0)
        {
            return;
        }

        if (_position is null)
        {
            // Position in the topological order; -1 for tasks in or after a cycle, which are
            // reported as such and not judged here.
            var count = _tasks.Count;
            _position = new int[count];
            Array.Fill(_position, -1);
            var order = _graph.Order;
            for (var k = 0; k < order.Length; k++)
            {
                _position[order[k]] = k;
            }

            _seen = new int[count];
            _stack = new int[count];
        }

        var position = _position;
        if (position[i] < 0)
        {
            return;
        }

        // Indexed: a foreach over the interface would allocate an enumerator per task.
        for (var r = 0; r < reads.Count; r++)
        {
            var read = reads[r];
            if (read != i && position[read] < 0)
            {
                continue;
            }

            if (read == i || position[read] > position[i] || !IsAncestor(read, i, position, _seen!, _stack!))
            {
                (_notUpstream ??= []).Add((i, read));
            }
        }
    }

    /// <summary>Reports what <see cref="CheckUpstreamReads"/> found.</summary>
    private void ReportUpstreamReads(BoundTask[] bound)
    {
        if (_notUpstream is null)
        {
            return;
        }

        foreach (var (task, read) in _notUpstream)
        {
            ReportNotUpstream(task, read, bound[task]);
        }
    }

    /// <summary>Searches back from <paramref name="task"/> along dependencies for <paramref name="ancestor"/>,
    /// not below its place in the topological order (nothing there can lead to it).</summary>
    private bool IsAncestor(int ancestor, int task, int[] position, int[] seen, int[] stack)
    {
        // seen[t] == stamp marks t as visited by this search; stamps never repeat.
        var stamp = ++_searchStamp;
        var floor = position[ancestor];
        var top = 0;
        stack[top++] = task;
        seen[task] = stamp;
        while (top > 0)
        {
            var current = stack[--top];
            foreach (var dependency in _tasks.GetDependencies(current))
            {
                if (dependency == ancestor)
                {
                    return true;
                }

                if (seen[dependency] != stamp && position[dependency] > floor)
                {
                    seen[dependency] = stamp;
                    stack[top++] = dependency;
                }
            }
        }

        return false;
    }

    private void ReportNotUpstream(int task, int read, BoundTask bound)
    {
        var options = _tasks.GetOptions(task);
        var id = IdOf(task);
        var readId = IdOf(read);
        var path = TaskPath(task) + ".parameters";
        if (bound.Conditions is { } conditions)
        {
            var hasWhen = options.When is not null;
            for (var k = 0; k < conditions.Length; k++)
            {
                if (conditions[k].ReferencedTasks.Contains(read))
                {
                    path = hasWhen && k == 0 ? TaskPath(task) + ".when" : DefinitionPath.Item(TaskPath(task) + ".conditions", hasWhen ? k - 1 : k);
                    break;
                }
            }
        }

        Report(task, DiagnosticCodes.OutputNotUpstream, path,
            read == task
                ? $"task '{id}' reads tasks.{id}, its own result, before it has one"
                : $"task '{id}' reads tasks.{readId}, but '{readId}' is not among its dependencies, direct or indirect: it may not have run yet when '{id}' runs",
            read == task
                ? "read the output of a task this one depends on"
                : $"add '{readId}' to the dependencies of '{id}'",
            DiagnosticSeverity.Warning);
    }

    /// <summary>FF1040: tasks that can never run. A condition that is always false skips its task;
    /// skipped tasks skip their <c>all_success</c> dependents, and a <c>one_success</c> task whose
    /// dependencies all never run. <c>none_failed</c> and <c>all_done</c> run after skipped
    /// dependencies (DESIGN §3), so the chain stops there.</summary>
    private void CheckNeverRuns(BoundTask[] bound, DependencyGraph graph)
    {
        if (!_anyConstantCondition)
        {
            return;
        }

        var never = new bool[bound.Length];
        BoundTask? lastTask = null;
        var lastFalse = false;
        CompiledExpression? culprit = null;
        foreach (var task in graph.Order)
        {
            var binding = bound[task];
            if (!ReferenceEquals(binding, lastTask))
            {
                lastFalse = IsConstantFalse(binding.Conditions, out culprit);
                lastTask = binding;
            }

            if (lastFalse)
            {
                never[task] = true;
                Report(task, DiagnosticCodes.NeverRuns, ConditionPath(task, binding, culprit!),
                    $"task '{IdOf(task)}' can never run: its condition '{culprit!.Text}' is always false",
                    "fix the condition, or remove the task", DiagnosticSeverity.Warning);
                continue;
            }

            var dependencies = _tasks.GetDependencies(task);
            if (dependencies.Length == 0)
            {
                continue;
            }

            var blocker = -1;
            switch (binding.TriggerRule)
            {
                case TriggerRule.AllSuccess:
                    foreach (var dependency in dependencies)
                    {
                        if (never[dependency])
                        {
                            blocker = dependency;
                            break;
                        }
                    }

                    break;
                case TriggerRule.OneSuccess:
                    blocker = dependencies[0];
                    foreach (var dependency in dependencies)
                    {
                        if (!never[dependency])
                        {
                            blocker = -1;
                            break;
                        }
                    }

                    break;
            }

            if (blocker >= 0)
            {
                never[task] = true;
                var rule = binding.TriggerRule.ToWireName();
                Report(task, DiagnosticCodes.NeverRuns, TaskPath(task),
                    binding.TriggerRule == TriggerRule.OneSuccess
                        ? $"task '{IdOf(task)}' can never run: none of its dependencies ever runs (trigger_rule {rule})"
                        : $"task '{IdOf(task)}' can never run: it needs '{IdOf(blocker)}', which never runs (trigger_rule {rule})",
                    "fix the condition upstream, or give this task `trigger_rule: none_failed` or `all_done` to run after skipped tasks",
                    DiagnosticSeverity.Warning);
            }
        }
    }

    private string ConditionPath(int task, BoundTask binding, CompiledExpression condition)
    {
        var hasWhen = _tasks.GetOptions(task).When is not null;
        var k = Array.IndexOf(binding.Conditions!, condition);
        return hasWhen && k == 0 ? TaskPath(task) + ".when" : DefinitionPath.Item(TaskPath(task) + ".conditions", hasWhen ? k - 1 : k);
    }
}
