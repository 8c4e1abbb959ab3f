using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>Every event an engine raised, in the order it raised them, with waits for the ones a
/// test expects next. Subscribing sends tasks down the engine's observed (slow) path.</summary>
internal sealed class EventLog : IDisposable
{
    private readonly List<FlowEvent> _events = [];
    private readonly List<(Func<FlowEvent, bool> Match, TaskCompletionSource<FlowEvent> Found)> _waiters = [];
    private readonly IDisposable _subscription;

    public EventLog(FlowEngine engine) => _subscription = engine.Subscribe(OnEvent);

    /// <summary>A copy of the events so far.</summary>
    public IReadOnlyList<FlowEvent> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    /// <summary>The first event (seen already or still to come) that matches.</summary>
    public Task<FlowEvent> WaitFor(Func<FlowEvent, bool> match)
    {
        lock (_events)
        {
            foreach (var seen in _events)
            {
                if (match(seen))
                {
                    return Task.FromResult(seen);
                }
            }

            var found = new TaskCompletionSource<FlowEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
            return found.Task.WaitAsync(Guard.Timeout);
        }
    }

    public Task<FlowEvent> WaitFor(FlowEventType type, string? taskId = null, int? attempt = null) =>
        WaitFor(e => e.Type == type && (taskId is null || e.TaskId == taskId) && (attempt is null || e.Attempt == attempt));

    /// <summary>Waits until <paramref name="count"/> events match.</summary>
    public Task WaitForCount(Func<FlowEvent, bool> match, int count)
    {
        var seen = 0;
        return WaitFor(e => match(e) && ++seen >= count);
    }

    private void OnEvent(FlowEvent flowEvent)
    {
        lock (_events)
        {
            _events.Add(flowEvent);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(flowEvent))
                {
                    _waiters[i].Found.TrySetResult(flowEvent);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public void Dispose() => _subscription.Dispose();
}
