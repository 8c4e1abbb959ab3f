using System.Collections.Immutable;

namespace FastFlow.Events;

/// <summary>Delivers events to subscribers. Publishing costs one volatile read when nobody
/// listens, so the hot path can ask <see cref="HasSubscribers"/> before building an event.</summary>
internal sealed class EventHub
{
    private ImmutableArray<Subscriber> _subscribers = [];
    private volatile bool _hasSubscribers;

    public bool HasSubscribers => _hasSubscribers;

    public IDisposable Subscribe(Action<FlowEvent> observer, string? runId)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscriber = new Subscriber(this, observer, runId);
        ImmutableInterlocked.Update(ref _subscribers, (list, s) => list.Add(s), subscriber);
        _hasSubscribers = true;
        return subscriber;
    }

    public void Publish(FlowEvent flowEvent)
    {
        foreach (var subscriber in _subscribers)
        {
            if (subscriber.RunId is null || string.Equals(subscriber.RunId, flowEvent.RunId, StringComparison.Ordinal))
            {
                try
                {
                    subscriber.Observer(flowEvent);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A faulty observer must not break the run that raised the event; drop it.
                    Unsubscribe(subscriber);
                }
            }
        }
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        ImmutableInterlocked.Update(ref _subscribers, (list, s) => list.Remove(s), subscriber);
        _hasSubscribers = !_subscribers.IsEmpty;
    }

    private sealed class Subscriber(EventHub hub, Action<FlowEvent> observer, string? runId) : IDisposable
    {
        public Action<FlowEvent> Observer { get; } = observer;

        public string? RunId { get; } = runId;

        public void Dispose() => hub.Unsubscribe(this);
    }
}
