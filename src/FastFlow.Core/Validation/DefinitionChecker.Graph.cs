using System.Text;
using FastFlow.Definitions;

namespace FastFlow.Validation;

internal sealed partial class DefinitionChecker
{
    /// <summary>Cycles longer than this are printed with their middle elided.</summary>
    private const int MaxPrintedCycle = 24;

    /// <summary>Self-dependencies and repeated dependencies of the tasks the graph found suspicious,
    /// and dependencies on unknown tasks.</summary>
    private void CheckDependencies(DependencyGraph graph)
    {
        foreach (var task in graph.Suspicious ?? [])
        {
            var dependencies = _tasks.GetDependencies(task);
            for (var p = 0; p < dependencies.Length; p++)
            {
                if (dependencies[p] == task)
                {
                    ReportSelfDependency(task, p);
                }
                else if (dependencies[..p].Contains(dependencies[p]))
                {
                    ReportDuplicateDependency(task, p);
                }
            }
        }

        foreach (var unresolved in _tasks.Unresolved)
        {
            var closest = NameSuggester.Closest(unresolved.Name, _ids.ExplicitIds);
            Report(unresolved.Task, DiagnosticCodes.UnknownDependency,
                DefinitionPath.Item(PathOf(unresolved.Task) + ".dependencies", unresolved.Ordinal),
                $"task '{IdOf(unresolved.Task)}' depends on '{unresolved.Name}', which is not a task of this workflow",
                closest is not null
                    ? $"did you mean '{closest}'?"
                    : _ids.ExplicitIds.Count is > 0 and <= 10
                        ? $"tasks of this workflow: {string.Join(", ", _ids.ExplicitIds)}"
                        : $"add a task '{unresolved.Name}' or remove the dependency");
        }
    }

    private void ReportSelfDependency(int task, int position) =>
        Report(task, DiagnosticCodes.SelfDependency, DependencyPath(task, position),
            $"task '{IdOf(task)}' depends on itself",
            $"remove '{IdOf(task)}' from its own dependencies");

    private void ReportDuplicateDependency(int task, int position)
    {
        var dependency = _tasks.GetDependencies(task)[position];
        Report(task, DiagnosticCodes.DuplicateDependency, DependencyPath(task, position),
            $"task '{IdOf(task)}' lists the dependency '{IdOf(dependency)}' more than once",
            "remove the repeated entry", DiagnosticSeverity.Warning);
    }

    /// <summary>One error per cycle, at its first task: <c>a -> b -> c -> a</c>, each task running
    /// after the one before it.</summary>
    private void ReportCycles(int[][] cycles)
    {
        foreach (var cycle in cycles)
        {
            var first = cycle[0];
            var printed = PrintCycle(cycle);
            Report(first, DiagnosticCodes.Cycle, PathOf(first) + ".dependencies",
                $"tasks depend on each other in a cycle: {printed} (each runs after the one before it), so none of them can start",
                $"remove one of these dependencies, e.g. '{IdOf(cycle[^1])}' from the dependencies of '{IdOf(first)}'");
        }
    }

    private string PrintCycle(int[] cycle)
    {
        var text = new StringBuilder();
        for (var k = 0; k < cycle.Length; k++)
        {
            if (cycle.Length > MaxPrintedCycle && k == MaxPrintedCycle / 2)
            {
                var skipped = cycle.Length - MaxPrintedCycle;
                text.Append("... (").Append(skipped).Append(" more) -> ");
                k = cycle.Length - (MaxPrintedCycle / 2);
            }

            text.Append(IdOf(cycle[k])).Append(" -> ");
        }

        return text.Append(IdOf(cycle[0])).ToString();
    }

    /// <summary>The path of the dependency at <paramref name="position"/> of a task's resolved list,
    /// counted as written: dependencies that did not resolve were dropped from the list and take
    /// their written places back.</summary>
    private string DependencyPath(int task, int position)
    {
        var ordinal = position;
        var unresolved = _tasks.Unresolved;
        if (unresolved.Count > 0)
        {
            var dropped = new List<int>();
            foreach (var u in unresolved)
            {
                if (u.Task == task)
                {
                    dropped.Add(u.Ordinal);
                }
            }

            dropped.Sort();
            foreach (var written in dropped)
            {
                if (written <= ordinal)
                {
                    ordinal++;
                }
            }
        }

        return DefinitionPath.Item(PathOf(task) + ".dependencies", ordinal);
    }
}
