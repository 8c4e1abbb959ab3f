namespace FastFlow.Definitions;

/// <summary>A retry policy as written: every field is optional and falls back to the workflow's
/// <c>defaults.retry</c>, then to the engine defaults (one attempt, no retry).</summary>
public sealed record RetrySettings
{
    /// <summary>Attempts in all, the first included (<c>max_attempts</c>; <c>retry_count</c> N means N + 1).</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Delay before the first retry, in seconds (<c>base_delay_seconds</c>, alias <c>retry_delay</c>).</summary>
    public double? BaseDelaySeconds { get; init; }

    /// <summary>Upper bound of any retry delay, in seconds.</summary>
    public double? MaxDelaySeconds { get; init; }

    /// <summary>Double the delay after each attempt.</summary>
    public bool? ExponentialBackoff { get; init; }

    /// <summary>Full jitter: each delay is drawn uniformly from [0, computed delay].</summary>
    public bool? Jitter { get; init; }

    /// <summary>Which error categories are retried (default transient and timeout).</summary>
    public IReadOnlyList<ErrorCategory>? RetriableErrors { get; init; }

    /// <summary>These settings with unset fields taken from <paramref name="fallback"/>.</summary>
    public RetrySettings Over(RetrySettings? fallback) => fallback is null ? this : new RetrySettings
    {
        MaxAttempts = MaxAttempts ?? fallback.MaxAttempts,
        BaseDelaySeconds = BaseDelaySeconds ?? fallback.BaseDelaySeconds,
        MaxDelaySeconds = MaxDelaySeconds ?? fallback.MaxDelaySeconds,
        ExponentialBackoff = ExponentialBackoff ?? fallback.ExponentialBackoff,
        Jitter = Jitter ?? fallback.Jitter,
        RetriableErrors = RetriableErrors ?? fallback.RetriableErrors,
    };
}
