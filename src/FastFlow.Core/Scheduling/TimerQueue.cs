using System.Diagnostics;

namespace FastFlow.Scheduling;

/// <summary>Every timer of an engine in one structure: retry delays, attempt timeouts, run
/// deadlines and <c>delay</c> tasks. A binary min-heap ordered by due time, with one
/// <see cref="ITimer"/> of the engine's <see cref="TimeProvider"/> armed for the earliest entry —
/// never a timer per entry. Cancelling removes the entry at once, so timeouts of attempts that
/// finished in time do not pile up.</summary>
internal sealed class TimerQueue : IDisposable
{
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    /// <summary>Serializes arming, so the last <see cref="ITimer.Change"/> always reflects the latest heap.</summary>
    private readonly object _armLock = new();
    /// <summary>The heap; slot 0 is the earliest entry.</summary>
    private TimerEntry[] _heap = new TimerEntry[64];
    private int _count;
    /// <summary>Breaks ties between equal due times: first scheduled, first fired.</summary>
    private long _sequence;
    /// <summary>The one timer, armed for <c>_heap[0]</c>.</summary>
    private readonly ITimer _timer;
    /// <summary>The due time the timer is armed for; MaxValue when disarmed.</summary>
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;
    private bool _disposed;

    public TimerQueue(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(static state => ((TimerQueue)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Timers waiting.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Schedules <paramref name="target"/>.OnTimer(<paramref name="token"/>) at <paramref name="due"/>
    /// (at once if already past). The handle cancels it.</summary>
    public TimerHandle Schedule(DateTimeOffset due, ITimerTarget target, long token)
    {
        var entry = new TimerEntry(due, target, token);
        bool isEarliest;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            entry.Sequence = _sequence++;
            if (_count == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            entry.HeapIndex = _count;
            _heap[_count++] = entry;
            SiftUp(entry.HeapIndex);
            isEarliest = entry.HeapIndex == 0 && due < _armedFor;
        }

        if (isEarliest)
        {
            Rearm();
        }

        return new TimerHandle(entry);
    }

    /// <summary>Schedules after a delay from now.</summary>
    public TimerHandle ScheduleAfter(TimeSpan delay, ITimerTarget target, long token) =>
        Schedule(_time.GetUtcNow() + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), target, token);

    /// <summary>Removes a timer if it has not fired; true when it was removed.</summary>
    public bool Cancel(TimerHandle handle)
    {
        var entry = handle.Entry;
        if (entry is null)
        {
            return false;
        }

        lock (_lock)
        {
            var index = entry.HeapIndex;
            if (index < 0 || index >= _count || !ReferenceEquals(_heap[index], entry))
            {
                return false;
            }

            RemoveAt(index);
            return true;
        }
    }

    private void Fire()
    {
        // Collect what is due under the lock, call targets outside it: a target may schedule again.
        List<TimerEntry>? due = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            while (_count > 0 && _heap[0].Due <= now)
            {
                var entry = _heap[0];
                RemoveAt(0);
                (due ??= []).Add(entry);
            }

            _armedFor = DateTimeOffset.MaxValue;
        }

        Rearm();

        if (due is null)
        {
            return;
        }

        foreach (var entry in due)
        {
            try
            {
                entry.Target.OnTimer(entry.Token);
            }
            catch (Exception ex)
            {
                // A target must not throw; if one does, the others still fire.
                Debug.Fail("Timer target threw: " + ex);
            }
        }
    }

    /// <summary>Arms the one timer for the earliest entry as it is now. Racing callers queue on
    /// <see cref="_armLock"/> and each reads the heap afresh, so a late caller never re-arms for a
    /// stale time.</summary>
    private void Rearm()
    {
        lock (_armLock)
        {
            DateTimeOffset next;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                next = _count > 0 ? _heap[0].Due : DateTimeOffset.MaxValue;
                _armedFor = next;
            }

            try
            {
                if (next == DateTimeOffset.MaxValue)
                {
                    _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    return;
                }

                var delay = next - _time.GetUtcNow();
                _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while arming: nothing is due any more.
            }
        }
    }

    private void RemoveAt(int index)
    {
        var removed = _heap[index];
        removed.HeapIndex = -1;
        _count--;
        if (index != _count)
        {
            var last = _heap[_count];
            _heap[index] = last;
            last.HeapIndex = index;
            SiftDown(index);
            SiftUp(last.HeapIndex);
        }

        _heap[_count] = null!;
    }

    private void SiftUp(int index)
    {
        var entry = _heap[index];
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!Earlier(entry, _heap[parent]))
            {
                break;
            }

            _heap[index] = _heap[parent];
            _heap[index].HeapIndex = index;
            index = parent;
        }

        _heap[index] = entry;
        entry.HeapIndex = index;
    }

    private void SiftDown(int index)
    {
        var entry = _heap[index];
        while (true)
        {
            var child = (index << 1) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Earlier(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Earlier(_heap[child], entry))
            {
                break;
            }

            _heap[index] = _heap[child];
            _heap[index].HeapIndex = index;
            index = child;
        }

        _heap[index] = entry;
        entry.HeapIndex = index;
    }

    private static bool Earlier(TimerEntry a, TimerEntry b) => a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _count = 0;
        }

        _timer.Dispose();
    }
}

/// <summary>A scheduled timer.</summary>
internal sealed class TimerEntry(DateTimeOffset due, ITimerTarget target, long token)
{
    public DateTimeOffset Due { get; } = due;
    public ITimerTarget Target { get; } = target;
    public long Token { get; } = token;
    public long Sequence { get; set; }
    /// <summary>Position in the heap; -1 once fired or cancelled.</summary>
    public int HeapIndex { get; set; }
}

/// <summary>Cancels a scheduled timer through <see cref="TimerQueue.Cancel"/>.</summary>
internal readonly struct TimerHandle(TimerEntry? entry)
{
    public TimerEntry? Entry { get; } = entry;

    public bool IsScheduled => Entry is { HeapIndex: >= 0 };

    public DateTimeOffset Due => Entry?.Due ?? DateTimeOffset.MinValue;
}
