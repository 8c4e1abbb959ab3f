using System.Buffers;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Connections;

/// <summary>Builds the error messages the transport sends.</summary>
internal static class ErrorFrames
{
    /// <summary>An error message for <paramref name="code"/> with its name and category filled in.</summary>
    public static ErrorMessage Create(ErrorCode code, string message, bool fatal, IReadOnlyList<Diagnostic>? details = null) => new()
    {
        Code = (int)code,
        Name = ErrorCodes.Name(code),
        Category = ErrorCodes.Category(code),
        Message = message,
        Fatal = fatal,
        Details = details ?? Array.Empty<Diagnostic>(),
    };

    /// <summary>A whole fatal error frame with request id 0, encoded once (for refusals sent to
    /// sockets that get no connection object).</summary>
    public static byte[] Encode(ErrorCode code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        new FrameWriter().Write(buffer, Create(code, message, fatal: true), requestId: 0);
        return buffer.WrittenSpan.ToArray();
    }
}
