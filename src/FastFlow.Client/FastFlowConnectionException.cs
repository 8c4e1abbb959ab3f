using FastFlow.Protocol;

namespace FastFlow.Client;

/// <summary>The client cannot reach the server, lost its connection, or the server refused the
/// connection (bad token, too many connections, shutting down). Every call pending on the
/// connection fails with it; with <see cref="FastFlowClientOptions.Reconnect"/> the next call
/// connects again.</summary>
public sealed class FastFlowConnectionException : FastFlowException
{
    /// <summary>Creates the exception with a default message.</summary>
    public FastFlowConnectionException()
        : base("The connection to the FastFlow server failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FastFlowConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FastFlowConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a connection the server closed with an error frame.</summary>
    /// <param name="message">What happened and how to fix it.</param>
    /// <param name="code">The server's error code.</param>
    public FastFlowConnectionException(string message, ErrorCode code)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception with a message, its cause and the server's error code.</summary>
    internal FastFlowConnectionException(string message, Exception? innerException, ErrorCode? code)
        : base(message, innerException!)
    {
        Code = code;
    }

    /// <summary>The server's error code when it closed the connection with an error frame
    /// (<see cref="ErrorCode.BadToken"/> for a refused token); null when the connection failed
    /// otherwise (refused, timed out, lost).</summary>
    public ErrorCode? Code { get; }
}
