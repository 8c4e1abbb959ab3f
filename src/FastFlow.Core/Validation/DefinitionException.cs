namespace FastFlow.Validation;

/// <summary>Thrown when a definition (or inputs, or an agents file) has errors. Carries every
/// diagnostic, not just the first.</summary>
public sealed class DefinitionException : Exception
{
    /// <summary>Creates the exception from the diagnostics found.</summary>
    public DefinitionException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Summarize(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message and no diagnostics.</summary>
    public DefinitionException() : this([]) { }

    /// <summary>Creates the exception with one message.</summary>
    public DefinitionException(string message) : this([new Diagnostic { Code = DiagnosticCodes.InvalidValue, Message = message }]) { }

    /// <summary>Creates the exception with one message and its cause.</summary>
    public DefinitionException(string message, Exception innerException) : base(message, innerException)
    {
        Diagnostics = [new Diagnostic { Code = DiagnosticCodes.InvalidValue, Message = message }];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Summarize(IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        return errors.Count switch
        {
            0 => "The definition is not valid.",
            1 => errors[0].ToString(),
            _ => $"{errors.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => e.ToString())),
        };
    }
}
