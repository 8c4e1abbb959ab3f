namespace FastFlow.Definitions;

/// <summary>Where each part of a definition stands in its file: JSON paths
/// (<c>tasks.load.dependencies[1]</c>) to 1-based line and column.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourcePosition> _positions;

    /// <summary>Creates a map for a file.</summary>
    public SourceMap(string? file, IDictionary<string, SourcePosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        File = file;
        _positions = new Dictionary<string, SourcePosition>(positions, StringComparer.Ordinal);
    }

    /// <summary>The file, as the user named it; null for text given directly.</summary>
    public string? File { get; }

    /// <summary>The number of mapped paths.</summary>
    public int Count => _positions.Count;

    /// <summary>The position of a path, or of its nearest mapped parent (a missing field is
    /// reported where its object starts).</summary>
    public SourcePosition Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = path;
        while (true)
        {
            if (_positions.TryGetValue(current, out var position))
            {
                return position;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return _positions.TryGetValue(string.Empty, out var root) ? root : SourcePosition.Unknown;
            }

            current = current[..cut];
        }
    }

    /// <summary>True when the exact path is mapped.</summary>
    public bool TryGet(string path, out SourcePosition position) => _positions.TryGetValue(path, out position);
}

/// <summary>A 1-based line and column in a file; 0 when unknown.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>No position.</summary>
    public static SourcePosition Unknown => default;

    /// <summary>True when the position is known.</summary>
    public bool IsKnown => Line > 0;

    /// <inheritdoc/>
    public override string ToString() => IsKnown ? $"{Line}:{Column}" : "?";
}
