using System.Threading.Channels;

namespace FastFlow.Events;

/// <summary>A buffered subscription: events are queued in a bounded buffer and read
/// asynchronously. A reader that falls behind by more than the buffer is dropped — its stream
/// ends with <see cref="SubscriberDroppedException"/> — and never slows the engine.</summary>
public sealed class EventStream : IAsyncDisposable, IDisposable
{
    private readonly Channel<FlowEvent> _channel;
    private readonly IDisposable _subscription;
    private readonly int _capacity;

    internal EventStream(EventHub hub, string? runId, int capacity)
    {
        _capacity = capacity;
        _channel = Channel.CreateBounded<FlowEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _subscription = hub.Subscribe(OnEvent, runId);
    }

    /// <summary>The events, in the order the engine raised them for each run.</summary>
    public ChannelReader<FlowEvent> Reader => _channel.Reader;

    /// <summary>Reads events until the stream ends or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<FlowEvent> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    private void OnEvent(FlowEvent flowEvent)
    {
        if (!_channel.Writer.TryWrite(flowEvent))
        {
            _subscription.Dispose();
            _channel.Writer.TryComplete(new SubscriberDroppedException(
                $"The subscriber fell more than {_capacity} events behind and was dropped."));
        }
    }

    /// <summary>Ends the subscription.</summary>
    public void Dispose()
    {
        _subscription.Dispose();
        _channel.Writer.TryComplete();
    }

    /// <summary>Ends the subscription.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Ends an <see cref="EventStream"/> whose reader could not keep up.</summary>
public sealed class SubscriberDroppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SubscriberDroppedException() : base("The subscriber was dropped.") { }

    /// <summary>Creates the exception with a reason.</summary>
    public SubscriberDroppedException(string message) : base(message) { }

    /// <summary>Creates the exception with a reason and a cause.</summary>
    public SubscriberDroppedException(string message, Exception innerException) : base(message, innerException) { }
}
