namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>Bounds every wait of a test, so that a hang fails the test instead of blocking CI.</summary>
internal static class Guard
{
    /// <summary>Far above what any test needs; only a hang reaches it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Guarded(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> Guarded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);
}
