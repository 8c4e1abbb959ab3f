using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that reports every time a timer is armed, so tests
/// advance the clock only once the engine has asked for a timer (no race between scheduling and
/// advancing). Two differences from the plain fake, both documented here because they matter:
/// <list type="bullet">
/// <item>Each finite due time requested from a timer is published on <see cref="Arms"/>, exactly as requested.</item>
/// <item>The due time handed to the fake is rounded <em>up</em> to a whole millisecond. The fake
/// truncates due times to milliseconds and fires a timer due in under 1 ms synchronously inside
/// <c>Change</c>; the engine's timer queue then re-arms for the sub-millisecond remainder and
/// recurses until the stack overflows (see <c>TimerRoundingTests</c>, which uses the plain fake).
/// Rounding up keeps tests with random jitter runnable; it never makes a timer fire early.</item>
/// </list></summary>
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

    /// <summary>Waits for the next armed timer and advances the clock by exactly its delay (rounded
    /// up to whole milliseconds, as the timer was armed); returns the requested delay.</summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync()
    {
        var delay = await NextArmAsync();
        Advance(RoundUp(delay));
        return delay;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new ObservedTimer(base.CreateTimer(callback, state, RoundUp(dueTime), period), this);
    }

    internal void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _arms.Writer.TryWrite(dueTime);
        }
    }

    /// <summary>The smallest whole number of milliseconds not below <paramref name="dueTime"/>.</summary>
    internal static TimeSpan RoundUp(TimeSpan dueTime)
    {
        if (dueTime <= TimeSpan.Zero)
        {
            return dueTime;
        }

        var milliseconds = (dueTime.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
