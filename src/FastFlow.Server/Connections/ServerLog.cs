using System.Net;
using System.Net.Sockets;
using FastFlow.Protocol;
using Microsoft.Extensions.Logging;

namespace FastFlow.Server.Connections;

/// <summary>The server's log lines, source-generated, with stable event ids (100s: the listener,
/// 200s: connections).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "FastFlow server listening on {EndPoint} (authentication {Authentication}, at most {MaxConnections} connections).")]
    public static partial void Listening(ILogger logger, EndPoint endPoint, string authentication, int maxConnections);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "FastFlow server stopping: {Count} open connections get up to {GraceSeconds} s for their replies.")]
    public static partial void Stopping(ILogger logger, int count, double graceSeconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "{Count} connections still had requests in flight when the grace period ended; they are closed without their replies.")]
    public static partial void DrainTimedOut(ILogger logger, int count);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Connection from {RemoteEndPoint} refused: {MaxConnections} connections are open (the limit).")]
    public static partial void Refused(ILogger logger, EndPoint? remoteEndPoint, int maxConnections);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Accepting a connection failed ({SocketError}); the listener goes on.")]
    public static partial void AcceptFailed(ILogger logger, SocketError socketError, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "The timeout sweep failed.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "{Count} connections had not ended a few seconds after the server stopped; they are left to end on their own.")]
    public static partial void ConnectionsLingered(ILogger logger, int count);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Connection {ConnectionId} opened from {RemoteEndPoint}.")]
    public static partial void Opened(ILogger logger, string connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Connection {ConnectionId} authenticated (client {Client}).")]
    public static partial void Authenticated(ILogger logger, string connectionId, string? client);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: {Code} error sent: {Message}")]
    public static partial void ProtocolError(ILogger logger, string connectionId, ErrorCode code, string message);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Connection {ConnectionId} closed by the server: {Code}: {Message}")]
    public static partial void ClosedWithError(ILogger logger, string connectionId, ErrorCode code, string message);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Connection {ConnectionId} closed ({Received} bytes received, {Sent} sent).")]
    public static partial void Closed(ILogger logger, string connectionId, long received, long sent);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Connection {ConnectionId}: handling {Request} (request {RequestId}) failed.")]
    public static partial void DispatchFailed(ILogger logger, string connectionId, string request, uint requestId, Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "Connection {ConnectionId} failed.")]
    public static partial void ConnectionFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 208, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: the client went away mid-frame ({Buffered} bytes of a frame unread).")]
    public static partial void EndedMidFrame(ILogger logger, string connectionId, long buffered);
}
