namespace FastFlow;

/// <summary>Thrown by a handler to fail its attempt with a chosen category. Any other exception
/// fails the attempt as <see cref="ErrorCategory.Transient"/>.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(ErrorCategory category, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
    }

    /// <summary>Creates a permanent failure.</summary>
    public TaskFailedException() : this(ErrorCategory.Permanent, "The task failed.") { }

    /// <summary>Creates a permanent failure with a message.</summary>
    public TaskFailedException(string message) : this(ErrorCategory.Permanent, message) { }

    /// <summary>Creates a permanent failure with a message and its cause.</summary>
    public TaskFailedException(string message, Exception innerException) : this(ErrorCategory.Permanent, message, innerException) { }

    /// <summary>The category the attempt fails with.</summary>
    public ErrorCategory Category { get; }
}
