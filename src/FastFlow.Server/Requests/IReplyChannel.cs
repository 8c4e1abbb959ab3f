using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Requests;

/// <summary>One connection as the request handlers see it: where replies and pushes go. Every
/// member is thread-safe: replies come from the connection's loop, from run completions and from
/// subscription pumps at once.</summary>
internal interface IReplyChannel
{
    /// <summary>The connection's id, for logs.</summary>
    string ConnectionId { get; }

    /// <summary>Cancelled when the connection closes (for any reason): pending waits, long polls
    /// and subscriptions of the connection end then, so a dead connection keeps nothing alive.</summary>
    CancellationToken Closed { get; }

    /// <summary>Writes one frame and flushes it. Waits while the client is not reading (the
    /// output pipe is over its threshold); completes without sending once the connection is closed.</summary>
    ValueTask SendAsync(Message message, uint requestId, FrameFlags flags = FrameFlags.None);

    /// <summary>Sends an error frame for <paramref name="requestId"/>; a fatal code closes the
    /// connection after it is sent.</summary>
    ValueTask SendErrorAsync(uint requestId, ErrorCode code, string message, IReadOnlyList<Diagnostic>? details = null);
}
