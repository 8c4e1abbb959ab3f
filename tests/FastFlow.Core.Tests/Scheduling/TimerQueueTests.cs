using Microsoft.Extensions.Time.Testing;
using FastFlow.Scheduling;

namespace FastFlow.Core.Tests.Scheduling;

public sealed class TimerQueueTests
{
    private sealed class Recorder : ITimerTarget
    {
        public List<long> Fired { get; } = [];

        public void OnTimer(long token)
        {
            lock (Fired)
            {
                Fired.Add(token);
            }
        }
    }

    [Fact]
    public void Fires_in_due_order_only_when_due()
    {
        var time = new FakeTimeProvider();
        using var timers = new TimerQueue(time);
        var recorder = new Recorder();
        timers.ScheduleAfter(TimeSpan.FromSeconds(3), recorder, 3);
        timers.ScheduleAfter(TimeSpan.FromSeconds(1), recorder, 1);
        timers.ScheduleAfter(TimeSpan.FromSeconds(2), recorder, 2);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(recorder.Fired);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1L], recorder.Fired);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([1L, 2L, 3L], recorder.Fired);
        Assert.Equal(0, timers.Count);
    }

    [Fact]
    public void A_cancelled_timer_never_fires_and_leaves_the_queue()
    {
        var time = new FakeTimeProvider();
        using var timers = new TimerQueue(time);
        var recorder = new Recorder();
        var first = timers.ScheduleAfter(TimeSpan.FromSeconds(1), recorder, 1);
        timers.ScheduleAfter(TimeSpan.FromSeconds(2), recorder, 2);

        Assert.True(timers.Cancel(first));
        Assert.False(timers.Cancel(first));
        Assert.Equal(1, timers.Count);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([2L], recorder.Fired);
    }

    [Fact]
    public void An_earlier_timer_scheduled_later_rearms_the_single_timer()
    {
        var time = new FakeTimeProvider();
        using var timers = new TimerQueue(time);
        var recorder = new Recorder();
        timers.ScheduleAfter(TimeSpan.FromHours(1), recorder, 60);
        timers.ScheduleAfter(TimeSpan.FromSeconds(1), recorder, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([1L], recorder.Fired);
    }

    [Fact]
    public void Many_timers_cancelled_in_random_order_keep_the_heap_consistent()
    {
        var time = new FakeTimeProvider();
        using var timers = new TimerQueue(time);
        var recorder = new Recorder();
        var random = new Random(7);
        var handles = new List<(TimerHandle Handle, long Token)>();
        for (var i = 0; i < 500; i++)
        {
            handles.Add((timers.ScheduleAfter(TimeSpan.FromMilliseconds(random.Next(1, 1000)), recorder, i), i));
        }

        var cancelled = handles.Where((_, i) => i % 3 == 0).ToList();
        foreach (var (handle, _) in cancelled.OrderBy(_ => random.Next()))
        {
            Assert.True(timers.Cancel(handle));
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var expected = handles.Except(cancelled).OrderBy(h => h.Handle.Due).ThenBy(h => h.Token).Select(h => h.Token);
        Assert.Equal(expected, recorder.Fired);
    }
}
