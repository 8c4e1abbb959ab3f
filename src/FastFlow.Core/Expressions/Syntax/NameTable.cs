namespace FastFlow.Expressions.Syntax;

/// <summary>The names and string literals of one compilation, each kept as one string: the
/// lexer reads them as spans of the text, and only the first occurrence of a name allocates.
/// Many tasks of a definition say <c>inputs.mode</c> or <c>.output.rows</c>; they share the
/// strings. Not thread-safe: one per <see cref="ExpressionCompilation"/>.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NameTable()
    {
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The string equal to <paramref name="name"/>, made on its first use.</summary>
    public string Get(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return string.Empty;
        }

        if (!_lookup.TryGetValue(name, out var text))
        {
            text = name.ToString();
            _names.Add(text, text);
        }

        return text;
    }
}
