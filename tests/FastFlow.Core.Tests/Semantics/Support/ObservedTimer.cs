namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>A fake timer that tells its <see cref="TestClock"/> whenever it has been armed.</summary>
internal sealed class ObservedTimer(ITimer inner, TestClock clock) : ITimer
{
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        // Report only once the fake holds the new due time: a test that advances the clock as
        // soon as it hears of the arm must not move time between the engine's request and the fake's
        // reading of "now" (the timer would then be due a whole delay later).
        var changed = inner.Change(dueTime, period);
        clock.Record(dueTime);
        return changed;
    }

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
