using System.Globalization;
using System.Text;

namespace FastFlow.Visualization;

/// <summary>The Graphviz form of the report. Nodes are named <c>t{index}</c> (tasks) and
/// <c>m{n}</c> (unknown dependencies) so that no id needs escaping there; ids and messages go in
/// quoted, escaped labels.</summary>
internal static class DotGraphWriter
{
    public static string Write(GraphView view)
    {
        var tasks = view.Tasks;
        var text = new StringBuilder();
        text.Append("digraph ").Append(Quote(view.Result.Definition.Id)).AppendLine(" {");
        text.AppendLine("  rankdir=TB;");
        text.AppendLine("  graph [fontname=\"Helvetica\"];");
        text.AppendLine("  node [shape=box, style=rounded, fontname=\"Helvetica\"];");
        text.AppendLine("  edge [fontname=\"Helvetica\"];");
        if (view.WorkflowDiagnostics.Count > 0)
        {
            var label = new StringBuilder();
            foreach (var diagnostic in view.WorkflowDiagnostics)
            {
                label.Append(diagnostic.Code).Append(' ').Append(diagnostic.Message).Append('\n');
            }

            text.Append("  labelloc=t;\n  fontcolor=red;\n  label=").Append(Quote(label.ToString().TrimEnd('\n'))).AppendLine(";");
        }

        for (var task = 0; task < tasks.Count; task++)
        {
            var label = new StringBuilder(tasks.GetId(task)).Append('\n').Append(view.Runner(task));
            if (view.TriggerRule(task) is { } rule)
            {
                label.Append(" [").Append(rule).Append(']');
            }

            foreach (var diagnostic in view.DiagnosticsOf(task))
            {
                label.Append('\n').Append(diagnostic.Code).Append(' ').Append(Shorten(diagnostic.Message));
            }

            text.Append("  t").Append(task.ToString(CultureInfo.InvariantCulture)).Append(" [label=").Append(Quote(label.ToString()));
            if (view.HasError(task))
            {
                text.Append(", color=red, fontcolor=red, style=\"rounded,filled\", fillcolor=\"#fde8e8\"");
            }
            else if (view.HasWarning(task))
            {
                text.Append(", color=orange, style=\"rounded,filled\", fillcolor=\"#fff4d6\"");
            }

            text.AppendLine("];");
        }

        for (var m = 0; m < view.MissingNames.Count; m++)
        {
            text.Append("  m").Append(m.ToString(CultureInfo.InvariantCulture))
                .Append(" [label=").Append(Quote(view.MissingNames[m] + "\n(unknown task)"))
                .AppendLine(", style=dashed, color=red, fontcolor=red];");
        }

        for (var task = 0; task < tasks.Count; task++)
        {
            foreach (var dependency in view.DistinctDependencies(task))
            {
                text.Append("  t").Append(dependency.ToString(CultureInfo.InvariantCulture))
                    .Append(" -> t").Append(task.ToString(CultureInfo.InvariantCulture));
                text.AppendLine(view.IsCycleEdge(dependency, task) ? " [color=red, penwidth=2];" : ";");
            }

            foreach (var name in view.UnknownDependencies(task))
            {
                text.Append("  m").Append(view.MissingIndex(name).ToString(CultureInfo.InvariantCulture))
                    .Append(" -> t").Append(task.ToString(CultureInfo.InvariantCulture))
                    .AppendLine(" [style=dashed, color=red];");
            }
        }

        return text.AppendLine("}").ToString();
    }

    /// <summary>A DOT string: quotes and backslashes escaped, line breaks as <c>\n</c>.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Node labels keep messages short; the text report has them whole.</summary>
    private static string Shorten(string message) => message.Length <= 60 ? message : string.Concat(message.AsSpan(0, 57), "...");
}
