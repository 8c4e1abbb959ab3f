using FastFlow.Expressions.Nodes;

namespace FastFlow.Expressions.Syntax;

/// <summary>The names and string literals of one compilation, each kept as one
/// <see cref="Name"/>: the lexer reads them as spans of the text, and only the first occurrence
/// of a name allocates. Many tasks of a definition say <c>inputs.mode</c> or <c>.output.rows</c>;
/// they share the strings, and paths of one step share their segments. Not thread-safe: one per
/// <see cref="ExpressionCompilation"/>.</summary>
internal sealed class NameTable
{
    /// <summary>Every name met, by its text; null when names are not shared (one expression
    /// compiled on its own gains nothing from a table).</summary>
    private readonly Dictionary<string, Name>? _names;
    private readonly Dictionary<string, Name>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates a table; <paramref name="share"/> false makes every name anew.</summary>
    public NameTable(bool share)
    {
        if (share)
        {
            _names = new Dictionary<string, Name>(StringComparer.Ordinal);
            _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>The string equal to <paramref name="name"/>, made on its first use.</summary>
    public string Get(ReadOnlySpan<char> name) =>
        name.IsEmpty ? string.Empty : _names is null ? name.ToString() : Entry(name).Text;

    /// <summary>The entry of <paramref name="name"/>, made on its first use.</summary>
    public Name Entry(ReadOnlySpan<char> name)
    {
        if (_names is null)
        {
            return new Name(name.ToString());
        }

        if (!_lookup.TryGetValue(name, out var entry))
        {
            entry = new Name(name.ToString());
            _names.Add(entry.Text, entry);
        }

        return entry;
    }
}

/// <summary>One name of a <see cref="NameTable"/>.</summary>
internal sealed class Name(string text)
{
    /// <summary>The path <c>.name</c>, made when first asked for. Segment arrays are never
    /// written after they are made, so every path of this one step shares it.</summary>
    private PathSegment[]? _member;

    /// <summary>The name.</summary>
    public string Text => text;

    /// <summary>The segments of the one-step path <c>.name</c>.</summary>
    public PathSegment[] Member => _member ??= [PathSegment.Member(text)];
}
