using FastFlow.Protocol;
using WireDiagnostic = FastFlow.Protocol.Messages.Diagnostic;

namespace FastFlow.Server.Requests;

/// <summary>A request that cannot be carried out, with the error frame it becomes: thrown by the
/// operations, turned into <see cref="IReplyChannel.SendErrorAsync"/> by the dispatcher, so an
/// operation reads as its happy path.</summary>
internal sealed class RequestException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="code">The error code of the reply.</param>
    /// <param name="message">What failed, where, and how to fix it.</param>
    /// <param name="details">Every finding, for invalid definitions and requests.</param>
    public RequestException(ErrorCode code, string message, IReadOnlyList<WireDiagnostic>? details = null)
        : base(message)
    {
        Code = code;
        Details = details;
    }

    /// <summary>Creates an internal failure (for the analyzers' standard constructors).</summary>
    public RequestException()
        : this(ErrorCode.Internal, "The request failed.")
    {
    }

    /// <summary>Creates an internal failure with a message.</summary>
    public RequestException(string message)
        : this(ErrorCode.Internal, message)
    {
    }

    /// <summary>Creates an internal failure with a message and a cause.</summary>
    public RequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCode.Internal;
    }

    /// <summary>The error code of the reply.</summary>
    public ErrorCode Code { get; }

    /// <summary>Every finding, or null.</summary>
    public IReadOnlyList<WireDiagnostic>? Details { get; }
}
