using System.Globalization;
using System.Net.Sockets;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Internal;

/// <summary>The exceptions the client throws, with messages that say what failed, where, and what
/// to do; kept here so the connection's code reads as the protocol.</summary>
internal static class ClientErrors
{
    /// <summary>A fresh copy of a connection failure, so calls failing together do not share
    /// (and rewrite) one exception's stack trace.</summary>
    internal static FastFlowConnectionException Copy(FastFlowConnectionException failure) =>
        new(failure.Message, failure.InnerException, failure.Code);

    /// <summary>Connecting failed: refused, unreachable, unknown host.</summary>
    internal static FastFlowConnectionException CannotConnect(string endpoint, SocketException exception) => new(
        $"Cannot connect to the FastFlow server at {endpoint}: {Describe(exception)}. Check that `fastflow serve` is running there and that the address is right (--server or FASTFLOW_SERVER).",
        exception,
        null);

    /// <summary>Connecting and the handshake did not finish in time.</summary>
    internal static FastFlowConnectionException ConnectTimedOut(string endpoint, TimeSpan timeout, bool connected) => new(
        connected
            ? $"The server at {endpoint} accepted the connection but did not answer the handshake within {Seconds(timeout)}; is it a FastFlow server (`fastflow serve`)?"
            : $"Cannot connect to the FastFlow server at {endpoint}: no answer within {Seconds(timeout)}. Check the address and that no firewall drops the connection, or raise ConnectTimeout.",
        null,
        null);

    /// <summary>The server closed the connection with an error frame (request id 0, or a fatal code).</summary>
    internal static FastFlowConnectionException ClosedByServer(string endpoint, ErrorMessage error)
    {
        var code = (ErrorCode)error.Code;
        var text = Sentence(error.Message);
        var message = code is ErrorCode.BadToken or ErrorCode.NotAuthenticated
            ? $"The server at {endpoint} refused the connection: {text} Pass the server's token with --token or the FASTFLOW_TOKEN environment variable (FastFlowClientOptions.Token in .NET); `fastflow serve` prints the token it generated when it starts."
            : $"The server at {endpoint} closed the connection ({Name(error)}): {text}";
        return new FastFlowConnectionException(message, null, code);
    }

    /// <summary>The connection broke: the socket failed or the server closed it.</summary>
    internal static FastFlowConnectionException Lost(string endpoint, string why, Exception? cause = null) =>
        new($"The connection to the FastFlow server at {endpoint} was lost: {why}.", cause, null);

    /// <summary>The server sent bytes that are not a frame this client reads.</summary>
    internal static FastFlowConnectionException BadFrame(string endpoint, FrameReadStatus status, in Frame frame, int maxFrameLength)
    {
        var why = status switch
        {
            FrameReadStatus.TooLarge => $"it announced a frame of {frame.Header.Length.ToString(CultureInfo.InvariantCulture)} bytes, over the client's limit of {maxFrameLength.ToString(CultureInfo.InvariantCulture)}",
            FrameReadStatus.TooShort => "it sent a frame whose length is shorter than a frame header",
            FrameReadStatus.UnsupportedVersion => $"it speaks protocol version {frame.Header.Version.ToString(CultureInfo.InvariantCulture)}; this client speaks {FrameHeader.CurrentVersion.ToString(CultureInfo.InvariantCulture)}",
            _ => status.ToString(),
        };
        return Lost(endpoint, $"{why}. Is it a FastFlow server (`fastflow serve`) of a matching version?");
    }

    /// <summary>The server's reply to one request could not be decoded; the connection goes on.</summary>
    internal static FastFlowException UnreadableReply(string endpoint, MessageType type, uint requestId, ProtocolException exception) => new(
        $"The server at {endpoint} sent a {MessageCodec.NameOf(type)} reply to request {requestId.ToString(CultureInfo.InvariantCulture)} that this client cannot read: {exception.Message} The client and server may be different versions.",
        exception);

    /// <summary>A reply of the wrong type for the request.</summary>
    internal static FastFlowException UnexpectedReply(string endpoint, Message request, Message reply, MessageType expected) => new(
        $"The server at {endpoint} answered {request} with {reply}; a FastFlow server answers it with {MessageCodec.NameOf(expected)}. The client and server may be different versions.");

    /// <summary>The handshake got something other than welcome.</summary>
    internal static FastFlowConnectionException NotWelcomed(string endpoint, Message reply) => new(
        $"The server at {endpoint} answered the handshake with {reply} instead of welcome; is it a FastFlow server (`fastflow serve`)?",
        null,
        null);

    /// <summary>A call on a client whose connection was lost and which does not reconnect.</summary>
    internal static FastFlowConnectionException NoReconnect(FastFlowConnectionException failure) => new(
        $"{failure.Message} This client does not reconnect (Reconnect is false); create a new FastFlowClient.",
        failure.InnerException,
        failure.Code);

    /// <summary>The client was disposed while calls were pending.</summary>
    internal static FastFlowConnectionException Disposed(string endpoint) =>
        new($"The client of the FastFlow server at {endpoint} was disposed.", null, null);

    private static string Describe(SocketException exception) => exception.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "the connection was refused (nothing listens on that port)",
        SocketError.HostNotFound or SocketError.NoData => "the host name is not known",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host cannot be reached",
        SocketError.TimedOut => "the connection timed out",
        _ => exception.Message,
    };

    private static string Name(ErrorMessage error) =>
        error.Name.Length > 0 ? error.Name : ErrorCodes.Name((ErrorCode)error.Code);

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "(no message)." : trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    private static string Seconds(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
