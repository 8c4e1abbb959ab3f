namespace FastFlow.Visualization;

/// <summary>The forms of the visual report of a definition's graph.</summary>
public enum GraphFormat : byte
{
    /// <summary>Plain text for the terminal: tasks by level, problems under the task they concern.</summary>
    Text = 0,
    /// <summary>Graphviz DOT (<c>dot -Tsvg</c>).</summary>
    Dot = 1,
    /// <summary>A Mermaid <c>flowchart</c>, for Markdown documents.</summary>
    Mermaid = 2,
}
