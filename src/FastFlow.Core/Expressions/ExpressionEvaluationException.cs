namespace FastFlow.Expressions;

/// <summary>Thrown when an expression meets values it cannot work with, such as <c>len(5)</c> or
/// <c>'a' &lt; 3</c>. The message names the expression, the column and what went wrong.</summary>
public sealed class ExpressionEvaluationException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public ExpressionEvaluationException()
        : this("An expression could not be evaluated.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ExpressionEvaluationException(string message)
        : base(message)
    {
        Expression = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = string.Empty;
    }

    /// <summary>Creates the exception for an expression: <paramref name="problem"/> says what went
    /// wrong at <paramref name="column"/> (1-based) of <paramref name="expression"/>.</summary>
    public ExpressionEvaluationException(string expression, int column, string problem)
        : base($"Cannot evaluate '{expression}' (column {column}): {problem}.")
    {
        ArgumentNullException.ThrowIfNull(expression);
        Expression = expression;
        Column = column;
    }

    /// <summary>The expression's text; empty when not known.</summary>
    public string Expression { get; }

    /// <summary>1-based column of the failing operation in <see cref="Expression"/>; 0 when not known.</summary>
    public int Column { get; }
}
