namespace FastFlow.Expressions.Syntax;

/// <summary>Unwinds the parser after a syntax error has been reported: past the first syntax
/// error the rest of the text cannot be read reliably.</summary>
internal sealed class SyntaxAbort : Exception
{
    /// <summary>Creates the signal.</summary>
    public SyntaxAbort()
        : base("The expression has a syntax error; it was reported as a diagnostic.")
    {
    }
}
