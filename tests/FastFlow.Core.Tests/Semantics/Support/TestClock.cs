using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that reports every time a timer is armed, with the
/// due time requested, so tests advance the clock only once the engine has asked for a timer (no
/// race between scheduling and advancing) and can check the delays the engine chose.</summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _arms = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The start of time for every test: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TestClock()
        : base(Origin)
    {
    }

    /// <summary>Finite due times requested from timers, in order.</summary>
    public ChannelReader<TimeSpan> Arms => _arms.Reader;

    /// <summary>Time since <see cref="Origin"/>.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Origin;

    /// <summary>Waits until the engine arms a timer and returns the delay it asked for.</summary>
    public async Task<TimeSpan> NextArmAsync() =>
        await _arms.Reader.ReadAsync().AsTask().WaitAsync(Guard.Timeout);

    /// <summary>Waits for the next armed timer and advances the clock by exactly its delay; returns the delay.</summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync()
    {
        var delay = await NextArmAsync();
        Advance(delay);
        return delay;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Record(dueTime);
        return timer;
    }

    internal void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _arms.Writer.TryWrite(dueTime);
        }
    }
}
