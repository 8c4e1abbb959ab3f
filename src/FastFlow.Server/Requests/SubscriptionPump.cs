using FastFlow.Events;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace FastFlow.Server.Requests;

/// <summary>One subscription: reads the engine's bounded event stream and pushes each event to the
/// connection, then one <see cref="SubscriptionEndedMessage"/>. The pump writes with the
/// connection's own back-pressure: while the client does not read, the pump waits, the stream's
/// buffer fills, and the engine drops the stream (it never waits for a subscriber), which ends the
/// subscription as <c>too_slow</c>. A one-run subscription ends after the run's final event.</summary>
internal sealed class SubscriptionPump
{
    /// <summary>The reasons of <see cref="SubscriptionEndedMessage.Reason"/>.</summary>
    public const string RunEnded = "run_ended", Unsubscribed = "unsubscribed", TooSlow = "too_slow", ShuttingDown = "shutting_down";

    private readonly EventStream _stream;
    private readonly long _id;
    private readonly int _capacity;
    private readonly IReplyChannel _channel;
    /// <summary>The run of a one-run subscription; null for every run's.</summary>
    private readonly string? _runId;
    /// <summary>The run's handle when the engine holds it: its completion tells a run that ended
    /// before this subscription saw its final event.</summary>
    private readonly RunHandle? _run;
    private readonly ServerCounters _counters;
    private readonly CancellationToken _serverStopping;
    /// <summary>Cancelled by unsubscribe, by the connection closing and by the server stopping.</summary>
    private readonly CancellationTokenSource _stop;
    private readonly Action<SubscriptionPump> _ended;
    private readonly ILogger _logger;

    /// <summary>Creates the pump over an open stream; <see cref="Start"/> once the subscribed reply is sent.</summary>
    public SubscriptionPump(
        EventStream stream, long id, int capacity, IReplyChannel channel, string? runId, RunHandle? run,
        ServerCounters counters, CancellationToken serverStopping, Action<SubscriptionPump> ended, ILogger logger)
    {
        _stream = stream;
        _id = id;
        _capacity = capacity;
        _channel = channel;
        _runId = runId;
        _run = run;
        _counters = counters;
        _serverStopping = serverStopping;
        _ended = ended;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(channel.Closed, serverStopping);
        Interlocked.Increment(ref counters.Subscriptions);
    }

    /// <summary>The subscription's id: the subscribe request's id.</summary>
    public long Id => _id;

    /// <summary>The connection it pushes to.</summary>
    public IReplyChannel Channel => _channel;

    /// <summary>Completes once the subscription has ended and its end was pushed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts pushing.</summary>
    public void Start() => Completion = Task.Run(PumpAsync);

    /// <summary>Lets go of a pump that never started (its subscription was refused).</summary>
    public void Discard()
    {
        _stream.Dispose();
        _stop.Dispose();
        Interlocked.Decrement(ref _counters.Subscriptions);
    }

    /// <summary>Ends the subscription as unsubscribed (after the reply to unsubscribe was sent).</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended by itself in the meantime and pushed its own end.
        }
    }

    private async Task PumpAsync()
    {
        string? reason;
        string message;
        try
        {
            (reason, message) = await PushAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (SubscriberDroppedException dropped)
        {
            RequestLog.SubscriberDropped(_logger, _id, _channel.ConnectionId);
            (reason, message) = (TooSlow,
                $"{dropped.Message} Read pushed frames promptly, or subscribe with a larger buffer (this one held {_capacity} events); subscribe again to go on.");
        }
        catch (OperationCanceledException)
        {
            (reason, message) = _serverStopping.IsCancellationRequested
                ? (ShuttingDown, "The server is stopping.")
                : (Unsubscribed, "The subscription was ended by unsubscribe.");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            RequestLog.SubscriptionFailed(_logger, _id, _channel.ConnectionId, exception);
            (reason, message) = (ShuttingDown, $"The server could not go on with this subscription: {exception.Message}");
        }
        finally
        {
            _stream.Dispose();
            Interlocked.Decrement(ref _counters.Subscriptions);
            _ended(this);
        }

        if (!_channel.Closed.IsCancellationRequested && reason is not null)
        {
            await _channel.SendAsync(new SubscriptionEndedMessage { Subscription = _id, Reason = reason, Message = message }, (uint)_id, FrameFlags.Push)
                .ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    /// <summary>Pushes events until the run ends, the stream is dropped or <paramref name="stop"/> fires.</summary>
    private async Task<(string? Reason, string Message)> PushAsync(CancellationToken stop)
    {
        var reader = _stream.Reader;
        var ended = _run?.Completion;
        while (true)
        {
            while (reader.TryRead(out var flowEvent))
            {
                if (await PushedFinalAsync(flowEvent).ConfigureAwait(false))
                {
                    return Finished(flowEvent.RunStatus);
                }

                stop.ThrowIfCancellationRequested();
            }

            if (ended is { IsCompleted: true })
            {
                // The engine publishes a run's final event before it completes the run's task, so
                // every event this subscription will get is in the buffer now; the final one is
                // missing only when it was published before the subscription began.
                while (reader.TryRead(out var flowEvent))
                {
                    if (await PushedFinalAsync(flowEvent).ConfigureAwait(false))
                    {
                        return Finished(flowEvent.RunStatus);
                    }
                }

                if (reader.Completion.IsFaulted)
                {
                    // Dropped before the final event: the subscriber missed events, so it ends as too slow.
                    await reader.Completion.ConfigureAwait(false);
                }

                var result = await ended.ConfigureAwait(false);
                await _channel.SendAsync(EventMapper.Ended(result, _id), (uint)_id, FrameFlags.Push).ConfigureAwait(false);
                return Finished(result.Status);
            }

            var readable = reader.WaitToReadAsync(stop);
            if (ended is not null && !readable.IsCompleted)
            {
                var waiting = readable.AsTask();
                await Task.WhenAny(waiting, ended).ConfigureAwait(false);
                if (!waiting.IsCompleted)
                {
                    continue;
                }

                readable = new ValueTask<bool>(waiting);
            }

            if (!await readable.ConfigureAwait(false))
            {
                return (ShuttingDown, "The server closed the event stream.");
            }
        }
    }

    /// <summary>Pushes one event; true when it is the final event of the subscription's run.</summary>
    private async ValueTask<bool> PushedFinalAsync(FlowEvent flowEvent)
    {
        await _channel.SendAsync(EventMapper.From(flowEvent, _id), (uint)_id, FrameFlags.Push).ConfigureAwait(false);
        return _runId is not null && EventMapper.EndsRun(flowEvent.Type) && string.Equals(flowEvent.RunId, _runId, StringComparison.Ordinal);
    }

    private (string, string) Finished(RunStatus? status) =>
        (RunEnded, $"Run {_runId} ended ({status?.ToWireName() ?? "ended"}); no event of it follows.");
}
