namespace FastFlow.Client;

/// <summary>A call through <see cref="FastFlowClient"/> failed. The subclasses say whether the
/// server refused it (<see cref="FastFlowServerException"/>) or the connection failed
/// (<see cref="FastFlowConnectionException"/>); this class itself is used when the server's
/// reply cannot be understood.</summary>
public class FastFlowException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public FastFlowException()
        : base("A FastFlow call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FastFlowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FastFlowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
