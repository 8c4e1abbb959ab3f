namespace FastFlow.Definitions.Loading;

/// <summary>A scalar: its text as written (unescaped) and whether it was quoted.</summary>
internal sealed class DocScalar : DocNode
{
    /// <summary>Longest piece of a string that messages quote.</summary>
    private const int MaxQuoted = 40;

    public DocScalar(string text, DocScalarStyle style, SourcePosition position)
        : base(position)
    {
        Text = text;
        Style = style;
    }

    /// <summary>The scalar's text (for JSON strings and quoted YAML, after unescaping).</summary>
    public string Text { get; }

    /// <summary>Plain or quoted.</summary>
    public DocScalarStyle Style { get; }

    /// <summary>True when the scalar was quoted and so is a string whatever it looks like.</summary>
    public bool IsQuoted => Style == DocScalarStyle.Quoted;

    /// <summary>The typed value: quoted text as is, plain text by the YAML 1.2 core schema.</summary>
    public object? Value => IsQuoted ? Text : YamlCoreSchema.Resolve(Text);

    /// <summary>True for a plain null (<c>null</c>, <c>~</c> or nothing at all).</summary>
    public bool IsNull => !IsQuoted && YamlCoreSchema.IsNull(Text);

    /// <inheritdoc/>
    public override string Describe() => Value switch
    {
        null => "null",
        bool b => b ? "boolean true" : "boolean false",
        long or double => "number " + Text,
        _ => "string '" + Shorten(Text) + "'",
    };

    private static string Shorten(string text) => text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "...");
}
