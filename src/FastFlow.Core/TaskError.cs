namespace FastFlow;

/// <summary>Why an attempt, a task or a run failed.</summary>
public sealed class TaskError
{
    /// <summary>Creates an error.</summary>
    /// <param name="category">What kind of failure this is; retry policies choose by it.</param>
    /// <param name="message">A sentence for the person reading the run's result.</param>
    /// <param name="exception">The exception behind the error, if any; never serialized.</param>
    public TaskError(ErrorCategory category, string message, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Category = category;
        Message = message;
        Exception = exception;
    }

    /// <summary>What kind of failure this is.</summary>
    public ErrorCategory Category { get; }

    /// <summary>A sentence that says what went wrong.</summary>
    public string Message { get; }

    /// <summary>The exception behind the error, when a handler threw; kept in memory only.</summary>
    public Exception? Exception { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Category.ToWireName()}: {Message}";
}
