using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client;

/// <summary>The server answered a request with an error frame: the request was refused, the
/// connection stays usable (unless <see cref="Fatal"/>).</summary>
public sealed class FastFlowServerException : FastFlowException
{
    /// <summary>Creates the exception with a default message and code <see cref="ErrorCode.Internal"/>.</summary>
    public FastFlowServerException()
        : this("The server refused the request.")
    {
    }

    /// <summary>Creates the exception with a message and code <see cref="ErrorCode.Internal"/>.</summary>
    public FastFlowServerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, a cause and code <see cref="ErrorCode.Internal"/>.</summary>
    public FastFlowServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error frame the server sent.</summary>
    /// <param name="error">The error message of the frame.</param>
    public FastFlowServerException(ErrorMessage error)
        : base(ErrorNullCheck(error).Message)
    {
        Code = (ErrorCode)error.Code;
        Name = error.Name.Length > 0 ? error.Name : ErrorCodes.Name(Code);
        Category = error.Category.Length > 0 ? error.Category : ErrorCodes.Category(Code);
        Details = error.Details;
        Fatal = error.Fatal;
    }

    /// <summary>The error code, such as <see cref="ErrorCode.NotFound"/>.</summary>
    public ErrorCode Code { get; } = ErrorCode.Internal;

    /// <summary>The code's snake_case name, such as <c>not_found</c>.</summary>
    public string Name { get; } = "internal";

    /// <summary>The broad class to act on: protocol, auth, validation, not_found, state, capacity,
    /// permission, unavailable or internal.</summary>
    public string Category { get; } = "internal";

    /// <summary>Every finding, for <c>invalid_definition</c> and <c>invalid_request</c>; empty otherwise.</summary>
    public IReadOnlyList<Diagnostic> Details { get; } = Array.Empty<Diagnostic>();

    /// <summary>True when the server closed the connection after this error.</summary>
    public bool Fatal { get; }

    private static ErrorMessage ErrorNullCheck(ErrorMessage error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error;
    }
}
