namespace FastFlow.Definitions.Loading;

/// <summary>A mapping (JSON object). Keeps every entry in written order, duplicates included,
/// so that the mapper can report duplicates with the path it knows.</summary>
internal sealed class DocMapping : DocNode
{
    public DocMapping(SourcePosition position)
        : base(position)
    {
    }

    /// <summary>The entries in written order.</summary>
    public List<DocEntry> Entries { get; } = [];

    /// <inheritdoc/>
    public override string Describe() => "a mapping";
}
