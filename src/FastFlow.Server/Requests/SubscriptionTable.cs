using System.Collections.Concurrent;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace FastFlow.Server.Requests;

/// <summary>The open subscriptions of every connection, by connection and subscription id:
/// subscribe opens one, unsubscribe ends it, and each removes itself when it ends (the run ended,
/// it was too slow, its connection closed, the server stopped).</summary>
internal sealed class SubscriptionTable(FlowEngine engine, FastFlowServerOptions options, ServerCounters counters, RunLookup lookup, ILogger logger)
{
    /// <summary>The largest buffer a client may ask for, unless the server's default is larger.</summary>
    private const int MaxRequestedBuffer = 65_536;

    private readonly ConcurrentDictionary<(IReplyChannel Channel, long Id), SubscriptionPump> _pumps = new();

    /// <summary>Opens a subscription: replies subscribed, then pushes events.</summary>
    /// <exception cref="RequestException">A bad buffer or run id, an unknown run, or a subscription id in use.</exception>
    public async ValueTask SubscribeAsync(SubscribeMessage request, uint requestId, IReplyChannel channel, CancellationToken serverStopping)
    {
        var capacity = Capacity(request.Buffer);
        var runId = request.RunId is null ? null : RunLookup.Require(request.RunId);
        RunHandle? run = null;
        if (runId is not null && (run = lookup.Live(runId)) is null)
        {
            var record = lookup.Stored(runId) ?? throw lookup.NotFound(runId);
            if (RunStore.IsTerminalStatus(record.Status))
            {
                await EndedBeforeAsync(record, requestId, channel).ConfigureAwait(false);
                return;
            }
        }

        var key = (channel, (long)requestId);
        // Opened before the reply, so no event between the reply and the first push is missed.
        var stream = engine.OpenEventStream(runId, capacity);
        var pump = new SubscriptionPump(stream, requestId, capacity, channel, runId, run, counters, serverStopping,
            ended => _pumps.TryRemove(new KeyValuePair<(IReplyChannel, long), SubscriptionPump>((ended.Channel, ended.Id), ended)), logger);
        if (!_pumps.TryAdd(key, pump))
        {
            pump.Discard();
            throw new RequestException(ErrorCode.AlreadyExists,
                $"Subscription {requestId} is open on this connection already; subscribe with a request id not in use.");
        }

        try
        {
            await channel.SendAsync(new SubscribedMessage { Subscription = requestId }, requestId).ConfigureAwait(false);
        }
        catch
        {
            _pumps.TryRemove(key, out _);
            pump.Discard();
            throw;
        }

        pump.Start();
    }

    /// <summary>Ends a subscription: replies ok, then the subscription pushes its end.</summary>
    /// <exception cref="RequestException"><see cref="ErrorCode.NotFound"/> when no such subscription is open on the connection.</exception>
    public async ValueTask UnsubscribeAsync(UnsubscribeMessage request, uint requestId, IReplyChannel channel)
    {
        if (!_pumps.TryRemove((channel, request.Subscription), out var pump))
        {
            throw new RequestException(ErrorCode.NotFound,
                $"No subscription {request.Subscription} is open on this connection: it has ended (its subscription_ended was pushed) or never began.");
        }

        await channel.SendAsync(OkMessage.Instance, requestId).ConfigureAwait(false);
        pump.Stop();
    }

    /// <summary>Waits for every subscription to end (once the server's stopping token has fired).</summary>
    public Task DrainAsync() => Task.WhenAll(_pumps.Values.Select(static pump => pump.Completion));

    /// <summary>A run that ended before the subscription began and is known only from the store:
    /// subscribed, its final event, and the end.</summary>
    private static async ValueTask EndedBeforeAsync(RunRecord record, uint requestId, IReplyChannel channel)
    {
        await channel.SendAsync(new SubscribedMessage { Subscription = requestId }, requestId).ConfigureAwait(false);
        await channel.SendAsync(EventMapper.Ended(record, requestId), requestId, FrameFlags.Push).ConfigureAwait(false);
        await channel.SendAsync(new SubscriptionEndedMessage
        {
            Subscription = requestId,
            Reason = SubscriptionPump.RunEnded,
            Message = $"Run {record.RunId} had ended ({record.Status}) before the subscription began; no event of it follows.",
        }, requestId, FrameFlags.Push).ConfigureAwait(false);
    }

    private int Capacity(int requested)
    {
        var max = Math.Max(options.SubscriberBuffer, MaxRequestedBuffer);
        return requested switch
        {
            0 => options.SubscriberBuffer,
            > 0 when requested <= max => requested,
            _ => throw new RequestException(ErrorCode.InvalidRequest,
                $"buffer {requested} is out of range: give 1 to {max} events, or 0 for the server's default ({options.SubscriberBuffer}).",
                [WireDiagnostics.Field("buffer", $"{requested} is out of range", $"give 1 to {max}, or 0 for {options.SubscriberBuffer}")]),
        };
    }
}
