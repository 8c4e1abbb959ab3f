using System.Globalization;
using System.Text;
using FastFlow.Validation;

namespace FastFlow.Visualization;

/// <summary>The terminal form of the report: tasks level by level, each with what it runs, its
/// trigger rule when not the default and its dependencies, problems under the task they concern.</summary>
internal static class TextGraphWriter
{
    private const string Ok = "✓";
    private const string Error = "✗";
    private const string Warning = "⚠";
    /// <summary>Marks a dependency whose edge closes a cycle.</summary>
    private const string CycleMark = " ↺";
    private const int MaxIdWidth = 32;

    public static string Write(GraphView view)
    {
        var tasks = view.Tasks;
        var result = view.Result;
        var text = new StringBuilder();
        text.Append("workflow ").Append(result.Definition.Id).AppendLine();
        foreach (var diagnostic in view.WorkflowDiagnostics)
        {
            AppendDiagnostic(text, "  ", diagnostic);
        }

        var width = 0;
        for (var i = 0; i < tasks.Count && width < MaxIdWidth; i++)
        {
            width = Math.Min(MaxIdWidth, Math.Max(width, tasks.GetId(i).Length));
        }

        var level = -1;
        foreach (var task in view.TasksByLevel())
        {
            if (view.Levels[task] != level)
            {
                level = view.Levels[task];
                text.AppendLine().Append("level ").Append(level.ToString(CultureInfo.InvariantCulture)).AppendLine();
            }

            AppendTask(text, view, task, width);
        }

        if (result.Cycles.Length > 0)
        {
            text.AppendLine().AppendLine("cycles");
            foreach (var cycle in result.Cycles)
            {
                text.Append("  ").Append(Error).Append(' ');
                foreach (var task in cycle)
                {
                    text.Append(tasks.GetId(task)).Append(" -> ");
                }

                text.Append(tasks.GetId(cycle[0])).AppendLine();
            }
        }

        text.AppendLine()
            .Append(Count(tasks.Count, "task")).Append(", ")
            .Append(Count(view.EdgeCount, "edge")).Append(", ")
            .Append(Count(result.ErrorCount, "error")).Append(", ")
            .Append(Count(result.WarningCount, "warning")).AppendLine();
        return text.ToString();
    }

    private static void AppendTask(StringBuilder text, GraphView view, int task, int width)
    {
        var tasks = view.Tasks;
        var marker = view.HasError(task) ? Error : view.HasWarning(task) ? Warning : Ok;
        var id = tasks.GetId(task);
        text.Append("  ").Append(marker).Append(' ').Append(id);
        text.Append(' ', Math.Max(1, width - id.Length + 2)).Append(view.Runner(task));
        if (view.TriggerRule(task) is { } rule)
        {
            text.Append(" [").Append(rule).Append(']');
        }

        var dependencies = view.DistinctDependencies(task);
        var first = true;
        foreach (var dependency in dependencies)
        {
            text.Append(first ? "  <- " : ", ").Append(tasks.GetId(dependency));
            if (view.IsCycleEdge(dependency, task))
            {
                text.Append(CycleMark);
            }

            first = false;
        }

        foreach (var name in view.UnknownDependencies(task))
        {
            text.Append(first ? "  <- " : ", ").Append('?').Append(name).Append(" (unknown)");
            first = false;
        }

        text.AppendLine();
        foreach (var diagnostic in view.DiagnosticsOf(task))
        {
            AppendDiagnostic(text, "      ", diagnostic);
        }
    }

    private static void AppendDiagnostic(StringBuilder text, string indent, Diagnostic diagnostic)
    {
        text.Append(indent).Append(diagnostic.IsError ? Error : Warning).Append(' ')
            .Append(diagnostic.Code).Append(' ').Append(diagnostic.Message);
        if (diagnostic.Line > 0)
        {
            text.Append(" (line ").Append(diagnostic.Line.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        text.AppendLine();
        if (diagnostic.Hint is not null)
        {
            text.Append(indent).Append("  hint: ").Append(diagnostic.Hint).AppendLine();
        }
    }

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
