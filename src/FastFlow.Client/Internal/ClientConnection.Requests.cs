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
    private const int PoolLimit = 256;

    /// <summary>Idle pending requests.</summary>
    private readonly ConcurrentQueue<PendingRequest> _pool = new();

    /// <summary>How many are in <see cref="_pool"/> (ConcurrentQueue.Count is not cheap).</summary>
    private int _pooled;

    /// <summary>Writers waiting for the send gate: while there is one, the writer holding the gate
    /// leaves its flush to it.</summary>
    private int _queuedSenders;

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
            // The frame goes out even if the call is cancelled meanwhile (its reply is then
            // dropped): a call waiting for the gate can always give up at once, and a frame never
            // waits for a writer that gave up to flush it.
            var send = SendFrameAsync(request, requestId);
            if (send.IsCompletedSuccessfully)
            {
                send.GetAwaiter().GetResult();
            }
            else
            {
                _ = FailOnSendErrorAsync(send, requestId);
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

    /// <summary>Waits for a send that did not finish at once, failing its call if it fails.</summary>
    private async Task FailOnSendErrorAsync(ValueTask send, uint requestId)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (FastFlowException exception)
        {
            Complete(requestId, exception);
        }
    }

    /// <summary>Writes one frame, one writer at a time, and flushes unless another writer is
    /// queued behind (that one flushes both: pipelined calls share a write to the socket). A
    /// queued writer cannot give up, so whatever is written is flushed by the last in line.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendFrameAsync(Message message, uint requestId)
    {
        Interlocked.Increment(ref _queuedSenders);
        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            Interlocked.Decrement(ref _queuedSenders);
            if (Failure is { } failure)
            {
                throw ClientErrors.Copy(failure);
            }

            FastFlowException? refused = null;
            try
            {
                // Throws before writing anything when the frame is over the server's limit.
                _guardedOutput.Writing(message.Type);
                _frameWriter.Write(_guardedOutput, message, requestId);
            }
            catch (FastFlowException exception)
            {
                // Refused locally; a writer ahead may still have left its frame to this flush.
                refused = exception;
            }

            // A writer queued now flushes after this one releases the gate.
            if (Volatile.Read(ref _queuedSenders) == 0)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            if (refused is not null)
            {
                throw refused;
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Sends what is buffered; a failure ends the connection. Under the send gate.</summary>
    private async ValueTask FlushAsync()
    {
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
