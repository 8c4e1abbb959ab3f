namespace FastFlow.Definitions.Loading;

/// <summary>A sequence (JSON array).</summary>
internal sealed class DocSequence : DocNode
{
    public DocSequence(SourcePosition position)
        : base(position)
    {
    }

    /// <summary>The items in written order.</summary>
    public List<DocNode> Items { get; } = [];

    /// <inheritdoc/>
    public override string Describe() => "a list";
}
