namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>A fake timer that tells its <see cref="TestClock"/> whenever it is armed.</summary>
internal sealed class ObservedTimer(ITimer inner, TestClock clock) : ITimer
{
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        clock.Record(dueTime);
        return inner.Change(dueTime, period);
    }

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
