using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace FastFlow.Server.Requests;

/// <summary>Carries out the requests of every connection against the engine. (Being written:
/// answers every request with an internal error until the operations land.)</summary>
internal sealed class RequestDispatcher : IAsyncDisposable
{
    /// <summary>Creates the dispatcher.</summary>
    public RequestDispatcher(FlowEngine engine, FastFlowServerOptions options, ServerCounters counters, ILogger logger)
    {
        _ = engine;
        _ = options;
        _ = counters;
        _ = logger;
    }

    /// <summary>Handles one decoded request (never hello or ping: the connection answers those).
    /// Returns as soon as the request is under way; long waits reply later through
    /// <paramref name="channel"/>, so the connection's loop goes on reading.</summary>
    public ValueTask DispatchAsync(Message message, uint requestId, IReplyChannel channel) =>
        channel.SendErrorAsync(requestId, ErrorCode.Internal, $"{message} is not available yet.");

    /// <summary>Ends subscriptions and long polls when the server stops.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
