using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

/// <summary>What one load collects: every diagnostic and the position of every path visited.</summary>
internal sealed class LoadSession
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);

    public LoadSession(string? file, DefinitionFormat format)
    {
        File = file;
        Format = format;
    }

    /// <summary>The file, as the caller named it; null for text given directly.</summary>
    public string? File { get; }

    /// <summary>The format being read.</summary>
    public DefinitionFormat Format { get; }

    /// <summary>Records where a path stands. The first position recorded wins, so a duplicate
    /// (which is reported and dropped) never moves the original's position.</summary>
    public void Mark(string path, SourcePosition position) => _positions.TryAdd(path, position);

    /// <summary>The position recorded for a path.</summary>
    public bool TryGetPosition(string path, out SourcePosition position) => _positions.TryGetValue(path, out position);

    /// <summary>Reports an error.</summary>
    public void Error(string code, string path, SourcePosition at, string message, string? hint = null) =>
        Add(code, DiagnosticSeverity.Error, path, at, message, hint);

    /// <summary>Reports a warning.</summary>
    public void Warning(string code, string path, SourcePosition at, string message, string? hint = null) =>
        Add(code, DiagnosticSeverity.Warning, path, at, message, hint);

    /// <summary>The positions recorded so far.</summary>
    public SourceMap ToSourceMap() => new(File, _positions);

    /// <summary>The diagnostics in the order they appear in the text.</summary>
    public IReadOnlyList<Diagnostic> SortedDiagnostics() =>
        [.. _diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];

    private void Add(string code, DiagnosticSeverity severity, string path, SourcePosition at, string message, string? hint) =>
        _diagnostics.Add(new Diagnostic
        {
            Code = code,
            Severity = severity,
            Message = message,
            Hint = hint,
            Path = path,
            File = File,
            Line = at.Line,
            Column = at.Column,
        });
}
