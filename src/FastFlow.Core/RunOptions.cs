namespace FastFlow;

/// <summary>How a run starts.</summary>
public sealed record RunOptions
{
    /// <summary>Default options.</summary>
    public static RunOptions Default { get; } = new();

    /// <summary>The run's id; a new time-ordered id when null.</summary>
    public string? RunId { get; init; }

    /// <summary>The run's priority against other runs.</summary>
    public TaskPriority Priority { get; init; } = TaskPriority.Normal;

    /// <summary>Whether <c>--input k=v</c> style strings convert to the declared input types.</summary>
    public bool CoerceInputStrings { get; init; }
}
