using System.Buffers;
using System.Net.Sockets;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Internal;

/// <summary>The receive loop: cuts frames, completes calls, routes pushes.</summary>
internal sealed partial class ClientConnection
{
    /// <summary>Reads frames until the connection ends, then fails whatever still waits.</summary>
    private async Task ReceiveLoopAsync()
    {
        // Let the constructor return before the first read.
        await Task.Yield();
        FastFlowConnectionException? failure = null;
        try
        {
            while (failure is null)
            {
                var result = await _input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    failure = ReadFrames(ref buffer);
                    if (failure is null && result.IsCompleted)
                    {
                        failure = ClientErrors.Lost(Endpoint, buffer.IsEmpty
                            ? "the server closed it"
                            : "the server closed it in the middle of a frame");
                    }
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            failure = ClientErrors.Lost(Endpoint, exception.Message, exception);
        }
        finally
        {
            Fail(failure ?? ClientErrors.Lost(Endpoint, "the receive loop ended"));
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Handles every whole frame in <paramref name="buffer"/>; returns why the connection
    /// must end, or null to read on.</summary>
    private FastFlowConnectionException? ReadFrames(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var status = FrameReader.TryRead(ref buffer, _maxFrameLength, out var frame);
            switch (status)
            {
                case FrameReadStatus.Frame:
                    var failure = Handle(frame);
                    if (failure is not null)
                    {
                        return failure;
                    }

                    continue;
                case FrameReadStatus.Incomplete:
                    return null;
                default:
                    return ClientErrors.BadFrame(Endpoint, status, frame, _maxFrameLength);
            }
        }
    }

    /// <summary>Completes the call a reply belongs to, or routes a push.</summary>
    private FastFlowConnectionException? Handle(in Frame frame)
    {
        Message message;
        try
        {
            message = MessageCodec.Decode(frame, s_replyLimits);
        }
        catch (ProtocolException exception)
        {
            // The frame was cut cleanly, so the stream is intact: only this reply is lost.
            if ((frame.Header.Flags & FrameFlags.Push) == 0)
            {
                Complete(frame.RequestId, ClientErrors.UnreadableReply(Endpoint, frame.Type, frame.RequestId, exception));
            }

            return null;
        }

        if ((frame.Header.Flags & FrameFlags.Push) != 0)
        {
            RoutePush(frame.RequestId, message);
            return null;
        }

        if (message is ErrorMessage error)
        {
            if (frame.RequestId == 0 || error.Fatal || ErrorCodes.IsFatal((ErrorCode)error.Code))
            {
                return ClientErrors.ClosedByServer(Endpoint, error);
            }

            Complete(frame.RequestId, new FastFlowServerException(error));
            return null;
        }

        if (message is WelcomeMessage)
        {
            _maxFrameLength = MaxReplyFrameBytes;
        }

        if (_pending.TryRemove(frame.RequestId, out var pending))
        {
            pending.SetResult(message);
        }

        // Otherwise the call was abandoned: its reply is dropped.
        return null;
    }

    /// <summary>Hands a pushed event to its subscription; a subscription whose reader has fallen a
    /// whole buffer behind is dropped here rather than ever blocking this loop.</summary>
    private void RoutePush(uint subscriptionId, Message message)
    {
        if (!_subscriptions.TryGetValue(subscriptionId, out var subscription))
        {
            return;
        }

        switch (message)
        {
            case EventMessage item when !subscription.TryPush(item):
                if (_subscriptions.TryRemove(subscriptionId, out _))
                {
                    subscription.End(subscription.TooSlow());
                    _ = UnsubscribeQuietlyAsync(subscriptionId);
                }

                break;
            case SubscriptionEndedMessage ended:
                if (_subscriptions.TryRemove(subscriptionId, out _))
                {
                    subscription.End(ended);
                }

                break;
        }
    }

    /// <summary>Tells the server to stop a subscription the client no longer routes; its answer
    /// does not matter (it may have ended the subscription itself meanwhile).</summary>
    internal async Task UnsubscribeQuietlyAsync(uint subscriptionId)
    {
        try
        {
            await RequestAsync(new UnsubscribeMessage { Subscription = subscriptionId }, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (FastFlowException)
        {
            // Already ended on the server, or the connection is gone: either way nothing is streamed.
        }
    }
}
