namespace FastFlow.Cli.Running;

/// <summary>One task as the CLI has seen it through the engine's events.</summary>
internal sealed class TaskProgress(string id, string? name)
{
    public string Id { get; } = id;

    public string? Name { get; } = name;

    public FlowTaskStatus Status { get; set; } = FlowTaskStatus.Pending;

    /// <summary>Attempts started so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When its first attempt started; null until then.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ended (completed, failed, skipped...); null while it is not done.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>From its first start to its end, or to <paramref name="now"/> while it runs; null if it never started.</summary>
    public TimeSpan? Duration(DateTimeOffset now) => StartedAt is { } start ? (EndedAt ?? now) - start : null;
}
