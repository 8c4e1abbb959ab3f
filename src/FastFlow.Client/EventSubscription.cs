using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FastFlow.Client.Internal;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client;

/// <summary>The events of one run, or of every run, as the server pushes them. Read them with
/// <see cref="ReadAllAsync"/>; the enumeration ends when the subscription does, and
/// <see cref="Ended"/> then says why. Dispose to stop it.</summary>
/// <remarks>The client holds at most the buffer given to <see cref="FastFlowClient.SubscribeAsync"/>
/// of unread events; an application that falls that far behind loses the subscription (reason
/// <c>too_slow</c>) instead of stalling the connection's other calls.</remarks>
public sealed class EventSubscription : IAsyncDisposable
{
    /// <summary>The connection the events come over.</summary>
    private readonly ClientConnection _connection;

    /// <summary>Events received and not yet read.</summary>
    private readonly Channel<EventMessage> _events;

    /// <summary>The size of <see cref="_events"/>.</summary>
    private readonly int _capacity;

    /// <summary>1 once the subscription has ended (by the server, locally, or with the connection).</summary>
    private int _finished;

    /// <summary>Why it ended, when it ended normally.</summary>
    private SubscriptionEndedMessage? _ended;

    /// <summary>Creates a subscription that buffers up to <paramref name="capacity"/> events.</summary>
    internal EventSubscription(ClientConnection connection, int capacity)
    {
        _connection = connection;
        _capacity = capacity;
        _events = Channel.CreateBounded<EventMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The subscription's id: the id of its subscribe request.</summary>
    public long Id { get; private set; }

    /// <summary>Why the subscription ended: <c>run_ended</c>, <c>too_slow</c>, <c>unsubscribed</c> or
    /// <c>shutting_down</c>. Null while it is open, and when it ended because the connection was
    /// lost (<see cref="ReadAllAsync"/> then throws <see cref="FastFlowConnectionException"/>).</summary>
    public SubscriptionEndedMessage? Ended => Volatile.Read(ref _ended);

    /// <summary>The events, in the order the server sent them, until the subscription ends. Read it
    /// once: the events are not kept after they are read.</summary>
    /// <param name="cancellationToken">Stops this enumeration (not the subscription).</param>
    /// <exception cref="FastFlowConnectionException">The connection was lost; events received
    /// before are returned first.</exception>
    public async IAsyncEnumerable<EventMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                yield return item;
            }
        }
    }

    /// <summary>Stops the subscription: tells the server (when still connected) and ends the
    /// enumeration, with <see cref="Ended"/> saying <c>unsubscribed</c> unless it had already ended.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _finished) == 0 && Id != 0 && _connection.Failure is null)
        {
            _connection.Forget(this);
            await _connection.UnsubscribeQuietlyAsync((uint)Id).ConfigureAwait(false);
        }

        End(new SubscriptionEndedMessage
        {
            Subscription = Id,
            Reason = "unsubscribed",
            Message = "The application disposed the subscription.",
        });
    }

    /// <summary>Sets the id, before the subscribe request is sent.</summary>
    internal void Attach(uint requestId) => Id = requestId;

    /// <summary>Buffers a pushed event; false when the buffer is full.</summary>
    internal bool TryPush(EventMessage item) => _events.Writer.TryWrite(item);

    /// <summary>Ends the subscription normally: the reader gets what is buffered, then the end.</summary>
    internal void End(SubscriptionEndedMessage ended)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            Volatile.Write(ref _ended, ended);
            _events.Writer.TryComplete();
        }
    }

    /// <summary>Ends the subscription with a failure the reader gets after what is buffered.</summary>
    internal void Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _events.Writer.TryComplete(exception);
        }
    }

    /// <summary>Why the client dropped a subscription whose reader fell a whole buffer behind.</summary>
    internal SubscriptionEndedMessage TooSlow() => new()
    {
        Subscription = Id,
        Reason = "too_slow",
        Message = string.Create(CultureInfo.InvariantCulture,
            $"The application read events more slowly than they arrived: {_capacity} events were waiting in the client's buffer, so the subscription was dropped. Read ReadAllAsync without blocking between events, or subscribe with a larger buffer."),
    };
}
