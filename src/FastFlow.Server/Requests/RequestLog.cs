using Microsoft.Extensions.Logging;

namespace FastFlow.Server.Requests;

/// <summary>What the request handlers log, with stable event ids.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Request {Request} ({RequestId}) on connection {ConnectionId} failed with an unexpected exception; the client got an internal error.")]
    public static partial void RequestFailed(ILogger logger, string request, uint requestId, string connectionId, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Subscription {Subscription} on connection {ConnectionId} failed with an unexpected exception; it was ended.")]
    public static partial void SubscriptionFailed(ILogger logger, long subscription, string connectionId, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Subscription {Subscription} on connection {ConnectionId} was dropped: the client read too slowly.")]
    public static partial void SubscriberDropped(ILogger logger, long subscription, string connectionId);
}
