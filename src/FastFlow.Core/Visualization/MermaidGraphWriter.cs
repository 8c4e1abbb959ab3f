using System.Globalization;
using System.Text;

namespace FastFlow.Visualization;

/// <summary>The Mermaid form of the report: a <c>flowchart</c> with node ids <c>t{index}</c> and
/// <c>m{n}</c>, labels escaped with Mermaid's entity codes, failing nodes in the <c>error</c> class,
/// cycle edges styled red by <c>linkStyle</c> and unknown dependencies dashed.</summary>
internal static class MermaidGraphWriter
{
    public static string Write(GraphView view)
    {
        var tasks = view.Tasks;
        var text = new StringBuilder();
        text.AppendLine("flowchart TD");
        if (view.WorkflowDiagnostics.Count > 0)
        {
            var label = new StringBuilder(Escape("workflow " + view.Result.Definition.Id));
            foreach (var diagnostic in view.WorkflowDiagnostics)
            {
                label.Append("<br/>").Append(Escape(diagnostic.Code + " " + diagnostic.Message));
            }

            text.Append("  workflow[\"").Append(label).AppendLine("\"]:::error");
        }

        for (var task = 0; task < tasks.Count; task++)
        {
            var label = new StringBuilder(Escape(tasks.GetId(task))).Append("<br/>").Append(Escape(view.Runner(task)));
            if (view.TriggerRule(task) is { } rule)
            {
                label.Append(' ').Append(Escape("[" + rule + "]"));
            }

            foreach (var diagnostic in view.DiagnosticsOf(task))
            {
                label.Append("<br/>").Append(Escape(diagnostic.Code + " " + Shorten(diagnostic.Message)));
            }

            text.Append("  t").Append(task.ToString(CultureInfo.InvariantCulture)).Append("[\"").Append(label).Append("\"]");
            text.AppendLine(view.HasError(task) ? ":::error" : view.HasWarning(task) ? ":::warning" : string.Empty);
        }

        for (var m = 0; m < view.MissingNames.Count; m++)
        {
            text.Append("  m").Append(m.ToString(CultureInfo.InvariantCulture)).Append("[\"")
                .Append(Escape(view.MissingNames[m])).Append("<br/>(unknown task)\"]:::missing").AppendLine();
        }

        var link = 0;
        var redLinks = new List<int>();
        for (var task = 0; task < tasks.Count; task++)
        {
            foreach (var dependency in view.DistinctDependencies(task))
            {
                text.Append("  t").Append(dependency.ToString(CultureInfo.InvariantCulture))
                    .Append(" --> t").Append(task.ToString(CultureInfo.InvariantCulture)).AppendLine();
                if (view.IsCycleEdge(dependency, task))
                {
                    redLinks.Add(link);
                }

                link++;
            }

            foreach (var name in view.UnknownDependencies(task))
            {
                text.Append("  m").Append(view.MissingIndex(name).ToString(CultureInfo.InvariantCulture))
                    .Append(" -.-> t").Append(task.ToString(CultureInfo.InvariantCulture)).AppendLine();
                redLinks.Add(link);
                link++;
            }
        }

        if (redLinks.Count > 0)
        {
            text.Append("  linkStyle ").AppendJoin(',', redLinks).AppendLine(" stroke:#d00,stroke-width:2px");
        }

        text.AppendLine("  classDef error fill:#fde8e8,stroke:#d00,color:#900");
        text.AppendLine("  classDef warning fill:#fff4d6,stroke:#e90");
        text.AppendLine("  classDef missing fill:#fff,stroke:#d00,stroke-dasharray:5 5,color:#900");
        return text.ToString();
    }

    /// <summary>Label text with Mermaid's entity codes for what would end or break a quoted label.</summary>
    internal static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("#quot;");
                    break;
                case '#':
                    text.Append("#35;");
                    break;
                case '<':
                    text.Append("#lt;");
                    break;
                case '>':
                    text.Append("#gt;");
                    break;
                case '\n' or '\r':
                    text.Append(' ');
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    private static string Shorten(string message) => message.Length <= 60 ? message : string.Concat(message.AsSpan(0, 57), "...");
}
