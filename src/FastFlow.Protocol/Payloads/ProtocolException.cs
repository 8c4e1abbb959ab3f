namespace FastFlow.Protocol;

/// <summary>A frame or payload that breaks the protocol; <see cref="Code"/> says how.</summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates a <see cref="ErrorCode.MalformedPayload"/> exception.</summary>
    public ProtocolException()
        : this(ErrorCode.MalformedPayload, "The payload is malformed.")
    {
    }

    /// <summary>Creates a <see cref="ErrorCode.MalformedPayload"/> exception with a message.</summary>
    public ProtocolException(string message)
        : this(ErrorCode.MalformedPayload, message)
    {
    }

    /// <summary>Creates a <see cref="ErrorCode.MalformedPayload"/> exception with a message and cause.</summary>
    public ProtocolException(string message, Exception inner)
        : this(ErrorCode.MalformedPayload, message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProtocolException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ProtocolException(ErrorCode code, string message, Exception inner)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>The error code sent back.</summary>
    public ErrorCode Code { get; }
}
