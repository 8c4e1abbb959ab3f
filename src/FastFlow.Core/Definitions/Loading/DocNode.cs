namespace FastFlow.Definitions.Loading;

/// <summary>A node of a parsed JSON or YAML document, with where it starts in the text. The
/// loaders map this tree onto the model, so both formats share one mapping and one set of
/// diagnostics.</summary>
internal abstract class DocNode
{
    protected DocNode(SourcePosition position) => Position = position;

    /// <summary>1-based line and column of the node's first character.</summary>
    public SourcePosition Position { get; }

    /// <summary>The node as a message shows it: <c>string 'ten'</c>, <c>number 5</c>, <c>a list</c>.</summary>
    public abstract string Describe();
}
