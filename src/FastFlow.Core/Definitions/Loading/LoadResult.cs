using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

/// <summary>What loading a definition gave: the model (whenever one could be formed, even with
/// errors, so that validation can still find more) and every problem found.</summary>
public sealed class LoadResult
{
    internal LoadResult(WorkflowDefinition? definition, IReadOnlyList<Diagnostic> diagnostics)
    {
        Definition = definition;
        Diagnostics = diagnostics;
    }

    /// <summary>The definition; null only when the document is unusable (a syntax error, or not a mapping).</summary>
    public WorkflowDefinition? Definition { get; }

    /// <summary>Every problem found, in the order they appear in the text; each has its file,
    /// line, column, path, code, message and hint.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when a definition was formed and no diagnostic is an error (warnings allowed).</summary>
    public bool Success => Definition is not null && !Diagnostics.Any(d => d.IsError);
}
