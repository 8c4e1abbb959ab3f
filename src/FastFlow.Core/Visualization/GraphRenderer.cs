using FastFlow.Validation;

namespace FastFlow.Visualization;

/// <summary>The visual report of a validated definition: its task graph with the failing places
/// marked (tasks with errors, the edges of cycles, dependencies on unknown tasks). Made for invalid
/// definitions as much as valid ones, cycles included.</summary>
/// <example>
/// <code>
/// var result = new DefinitionValidator(registry).Validate(definition);
/// Console.Write(GraphRenderer.Render(result, GraphFormat.Text));
/// File.WriteAllText("flow.dot", GraphRenderer.Render(result, GraphFormat.Dot));
/// </code>
/// </example>
public static class GraphRenderer
{
    /// <summary>Renders <paramref name="result"/>'s graph in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown format.</exception>
    public static string Render(ValidationResult result, GraphFormat format)
    {
        ArgumentNullException.ThrowIfNull(result);
        var view = new GraphView(result);
        return format switch
        {
            GraphFormat.Text => TextGraphWriter.Write(view),
            GraphFormat.Dot => DotGraphWriter.Write(view),
            GraphFormat.Mermaid => MermaidGraphWriter.Write(view),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Text, Dot or Mermaid."),
        };
    }
}
