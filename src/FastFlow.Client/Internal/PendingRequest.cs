using System.Threading.Tasks.Sources;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Internal;

/// <summary>One request waiting for its reply: a reusable <see cref="IValueTaskSource{TResult}"/>,
/// so a round trip allocates no task once the connection's pool is warm.</summary>
/// <remarks>Whoever removes the request from the connection's table of outstanding requests
/// (the receive loop with the reply, a cancellation, a failed send, the connection failing)
/// completes it, and only that one: the table's <c>TryRemove</c> is the hand-over. The caller
/// awaits it exactly once, then gives it back to the pool; the version token catches a stale
/// await after reuse.</remarks>
internal sealed class PendingRequest : IValueTaskSource<Message>
{
    /// <summary>Cancels the request it is registered for.</summary>
    internal static readonly Action<object?> s_cancel = static state =>
    {
        var pending = (PendingRequest)state!;
        pending._connection.Abandon(pending.RequestId, pending._cancellation);
    };

    /// <summary>The connection whose table holds this request.</summary>
    private readonly ClientConnection _connection;

    /// <summary>The completion state; continuations run on the thread pool so user code never
    /// runs on (and stalls) the receive loop.</summary>
    private ManualResetValueTaskSourceCore<Message> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>The token of the call, for the <see cref="OperationCanceledException"/> it ends with.</summary>
    private CancellationToken _cancellation;

    /// <summary>Creates a request bound to <paramref name="connection"/>.</summary>
    internal PendingRequest(ClientConnection connection) => _connection = connection;

    /// <summary>The request id it waits for.</summary>
    internal uint RequestId { get; private set; }

    /// <summary>The token to await with.</summary>
    internal short Version => _core.Version;

    /// <summary>Makes the request ready for a new call.</summary>
    internal void Prepare(uint requestId, CancellationToken cancellation)
    {
        RequestId = requestId;
        _cancellation = cancellation;
    }

    /// <summary>Completes with the reply.</summary>
    internal void SetResult(Message reply) => _core.SetResult(reply);

    /// <summary>Completes with a failure.</summary>
    internal void SetException(Exception exception) => _core.SetException(exception);

    /// <summary>Clears the request for the pool, after its result was read.</summary>
    internal void Reset()
    {
        _core.Reset();
        _cancellation = default;
        RequestId = 0;
    }

    /// <inheritdoc/>
    public Message GetResult(short token) => _core.GetResult(token);

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
