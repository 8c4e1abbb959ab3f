namespace FastFlow.Expressions.Evaluation;

/// <summary>What a node throws when a value has the wrong type for an operation. The compiled
/// expression catches it and throws an <see cref="ExpressionEvaluationException"/> that names the
/// expression, which nodes do not know.</summary>
internal sealed class EvaluationError : Exception
{
    /// <summary>Creates the error.</summary>
    public EvaluationError(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>0-based offset of the failing operation in the text the expression was parsed from.</summary>
    public int Position { get; }
}
