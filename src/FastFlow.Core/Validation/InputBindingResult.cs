namespace FastFlow.Validation;

/// <summary>A run's inputs checked against the inputs its workflow declares.</summary>
public sealed class InputBindingResult
{
    internal InputBindingResult(IReadOnlyDictionary<string, object?> inputs, IReadOnlyList<Diagnostic> diagnostics)
    {
        Inputs = inputs;
        Diagnostics = diagnostics;
    }

    /// <summary>The inputs the run gets: those given (converted to their declared types), then the
    /// defaults of those not given.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; }

    /// <summary>Every problem: missing required inputs, undeclared inputs, values of the wrong type.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when there is no problem.</summary>
    public bool IsValid => Diagnostics.Count == 0;
}
