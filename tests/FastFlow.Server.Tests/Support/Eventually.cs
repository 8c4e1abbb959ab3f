namespace FastFlow.Server.Tests.Support;

/// <summary>Waits for a condition that no event announces (a counter another component updates),
/// checking it every few milliseconds, bounded by a timeout that fails the test.</summary>
internal static class Eventually
{
    /// <summary>Completes once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/>
    /// naming <paramref name="what"/> after <paramref name="timeout"/> (10 s by default).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(5);
        }
    }
}
