namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>For the rare state the engine raises no event for (a timer entering its queue just
/// after the event that announced it): spins until the condition holds, bounded by
/// <see cref="Guard.Timeout"/>, and fails the test if it never does.</summary>
internal static class Until
{
    public static void Holds(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, Guard.Timeout), "never happened: " + what);
}
