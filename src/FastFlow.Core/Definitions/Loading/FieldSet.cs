using System.Diagnostics.CodeAnalysis;

namespace FastFlow.Definitions.Loading;

/// <summary>The known fields of one object of a definition, by name, with the object's path.</summary>
internal sealed class FieldSet
{
    private readonly Dictionary<string, DocEntry> _entries = new(StringComparer.Ordinal);

    public FieldSet(string path, SourcePosition position)
    {
        Path = path;
        Position = position;
    }

    /// <summary>The object's path.</summary>
    public string Path { get; }

    /// <summary>Where the object starts: missing fields are reported there.</summary>
    public SourcePosition Position { get; }

    /// <summary>Adds a known field (the caller has dropped duplicates).</summary>
    public void Add(string name, DocEntry entry) => _entries.Add(name, entry);

    /// <summary>The field's value and path, when it is written (even as null).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out DocNode? value, out string path)
    {
        if (_entries.TryGetValue(name, out var entry))
        {
            value = entry.Value;
            path = DefinitionPath.Field(Path, name);
            return true;
        }

        value = null;
        path = string.Empty;
        return false;
    }

    /// <summary>The field's key and value, when it is written.</summary>
    public bool TryGetEntry(string name, out DocEntry entry) => _entries.TryGetValue(name, out entry);

    /// <summary>True when the field is written with a value other than null.</summary>
    public bool IsGiven(string name) =>
        _entries.TryGetValue(name, out var entry) && entry.Value is not DocScalar { IsNull: true };
}
