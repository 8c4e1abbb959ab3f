using FastFlow.Definitions;

namespace FastFlow.Execution;

/// <summary>A retry policy with every default applied, as a compiled plan holds it.</summary>
public sealed class RetryPolicy
{
    /// <summary>One attempt, no retry: the engine default when nothing is said.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero, exponentialBackoff: true, jitter: true, DefaultRetriable);

    /// <summary>Transient and timeout: what is retried when <c>retriable_errors</c> is not given.</summary>
    public const int DefaultRetriable = (1 << (int)ErrorCategory.Transient) | (1 << (int)ErrorCategory.Timeout);

    /// <summary>Creates a policy.</summary>
    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, bool exponentialBackoff, bool jitter, int retriableMask)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        // Zero means no cap; a cap below the base delay is raised to it.
        MaxDelay = maxDelay > TimeSpan.Zero && maxDelay < baseDelay ? baseDelay : maxDelay;
        ExponentialBackoff = exponentialBackoff;
        Jitter = jitter;
        RetriableMask = retriableMask;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>Delay before the first retry.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>Upper bound of any delay; zero for none.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Whether the delay doubles after each attempt.</summary>
    public bool ExponentialBackoff { get; }

    /// <summary>Whether delays are drawn uniformly from [0, computed delay] (full jitter).</summary>
    public bool Jitter { get; }

    /// <summary>Bit <c>1 &lt;&lt; (int)category</c> set for each retried category.</summary>
    public int RetriableMask { get; }

    /// <summary>True when an error of this category may be retried.</summary>
    public bool IsRetriable(ErrorCategory category) => (RetriableMask & (1 << (int)category)) != 0;

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry):
    /// base × 2^(n−2) when exponential, capped at the maximum, then with full jitter a uniform
    /// draw from [0, that]. <paramref name="unitRandom"/> is a sample in [0, 1).</summary>
    public TimeSpan DelayBefore(int nextAttempt, double unitRandom)
    {
        var retryIndex = Math.Max(0, nextAttempt - 2);
        var ticks = (double)BaseDelay.Ticks;
        if (ExponentialBackoff)
        {
            ticks *= Math.Pow(2, Math.Min(retryIndex, 62));
        }

        var cap = MaxDelay > TimeSpan.Zero ? MaxDelay.Ticks : long.MaxValue;
        var bounded = Math.Min(ticks, cap);
        if (Jitter)
        {
            bounded *= unitRandom;
        }

        return TimeSpan.FromTicks((long)bounded);
    }

    /// <summary>Resolves written settings (already merged with the workflow defaults).</summary>
    public static RetryPolicy From(RetrySettings? settings)
    {
        if (settings is null)
        {
            return None;
        }

        var mask = DefaultRetriable;
        if (settings.RetriableErrors is { } categories)
        {
            mask = 0;
            foreach (var category in categories)
            {
                mask |= 1 << (int)category;
            }
        }

        var baseDelay = TimeSpan.FromSeconds(Math.Max(0, settings.BaseDelaySeconds ?? 0));
        var maxDelay = settings.MaxDelaySeconds is { } max ? TimeSpan.FromSeconds(Math.Max(0, max)) : TimeSpan.Zero;
        return new RetryPolicy(
            Math.Max(1, settings.MaxAttempts ?? 1),
            baseDelay,
            maxDelay,
            settings.ExponentialBackoff ?? true,
            settings.Jitter ?? true,
            mask);
    }
}
