using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Internal;

/// <summary>Sending requests and waiting for their replies.</summary>
internal sealed partial class ClientConnection
{
    /// <summary>Pending requests kept for reuse; more than this many idle ones are left to the GC.</summary>
    private const int PoolLimit = 64;

    /// <summary>Idle pending requests.</summary>
    private readonly ConcurrentQueue<PendingRequest> _pool = new();

    /// <summary>How many are in <see cref="_pool"/> (ConcurrentQueue.Count is not cheap).</summary>
    private int _pooled;

    /// <summary>Sends <paramref name="request"/> and returns its reply. An error frame fails the call
    /// with <see cref="FastFlowServerException"/>; a lost connection with
    /// <see cref="FastFlowConnectionException"/>. Cancelling abandons this call only: its reply, if
    /// it comes, is dropped.</summary>
    /// <param name="request">The request.</param>
    /// <param name="subscription">For subscribe: the subscription to route pushes to, registered under
    /// the request's id before the request leaves, so no event can arrive ahead of it.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<Message> RequestAsync(Message request, EventSubscription? subscription, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Failure is { } failure)
        {
            throw ClientErrors.Copy(failure);
        }

        var pending = RentPending();
        var requestId = Register(pending, cancellationToken);
        if (subscription is not null)
        {
            subscription.Attach(requestId);
            _subscriptions[requestId] = subscription;
        }

        // The connection may have failed after the check above and swept the table before this
        // request was in it: nobody else would complete it then.
        if (Failure is { } late)
        {
            Complete(requestId, ClientErrors.Copy(late));
        }

        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(PendingRequest.s_cancel, pending)
            : default;
        try
        {
            try
            {
                await SendFrameAsync(request, requestId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or FastFlowException)
            {
                Complete(requestId, exception);
            }

            return await new ValueTask<Message>(pending, pending.Version).ConfigureAwait(false);
        }
        finally
        {
            // Dispose waits for a cancellation callback already running, so the request is no
            // longer touched by anyone once it is back in the pool.
            await registration.DisposeAsync().ConfigureAwait(false);
            ReturnPending(pending);
        }
    }

    /// <summary>Cancels a request: its call ends with <see cref="OperationCanceledException"/>
    /// unless its reply (or the connection's failure) got there first.</summary>
    internal void Abandon(uint requestId, CancellationToken cancellationToken) =>
        Complete(requestId, new OperationCanceledException("The call was cancelled; its reply, if it comes, is dropped.", cancellationToken));

    /// <summary>Forgets a subscription (it ended or was disposed); later pushes for it are dropped.</summary>
    internal void Forget(EventSubscription subscription) =>
        _subscriptions.TryRemove(new KeyValuePair<uint, EventSubscription>((uint)subscription.Id, subscription));

    /// <summary>Fails the request with <paramref name="exception"/> if it is still outstanding.</summary>
    private void Complete(uint requestId, Exception exception)
    {
        if (_pending.TryRemove(requestId, out var pending))
        {
            pending.SetException(exception);
        }
    }

    /// <summary>Gives <paramref name="pending"/> the next free request id and adds it to the table.</summary>
    private uint Register(PendingRequest pending, CancellationToken cancellationToken)
    {
        while (true)
        {
            var requestId = (uint)Interlocked.Increment(ref _lastRequestId);

            // 0 belongs to the connection; after a wrap, an id may still be held by a slow call or
            // an open subscription.
            if (requestId == 0 || _subscriptions.ContainsKey(requestId))
            {
                continue;
            }

            pending.Prepare(requestId, cancellationToken);
            if (_pending.TryAdd(requestId, pending))
            {
                return requestId;
            }
        }
    }

    /// <summary>Writes one frame and flushes it, one writer at a time. Once the frame is started it
    /// is finished whatever the caller's token says: half a frame would break the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendFrameAsync(Message message, uint requestId, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Failure is { } failure)
            {
                throw ClientErrors.Copy(failure);
            }

            // Throws before writing anything when the frame is over the server's limit.
            _guardedOutput.Writing(message.Type);
            _frameWriter.Write(_guardedOutput, message, requestId);
            FlushResult result;
            try
            {
                result = await _output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                Fail(ClientErrors.Lost(Endpoint, "sending a request failed: " + exception.Message, exception));
                throw ClientErrors.Copy(Failure!);
            }

            if (result.IsCompleted)
            {
                Fail(ClientErrors.Lost(Endpoint, "the server stopped reading"));
                throw ClientErrors.Copy(Failure!);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private PendingRequest RentPending()
    {
        if (_pool.TryDequeue(out var pending))
        {
            Interlocked.Decrement(ref _pooled);
            return pending;
        }

        return new PendingRequest(this);
    }

    private void ReturnPending(PendingRequest pending)
    {
        pending.Reset();
        if (Interlocked.Increment(ref _pooled) <= PoolLimit)
        {
            _pool.Enqueue(pending);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }
}
