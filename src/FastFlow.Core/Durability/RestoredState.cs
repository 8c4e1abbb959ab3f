using FastFlow.Execution;

namespace FastFlow.Durability;

/// <summary>A run's state as its history (and, past a corrupt entry, a checkpoint) says it was:
/// what <see cref="HistoryReplay"/> builds and <c>RunExecution.Restore</c> puts back in place.</summary>
internal sealed class RestoredState
{
    public RestoredState(int taskCount)
    {
        Status = new FlowTaskStatus[taskCount];
        Attempts = new int[taskCount];
        Outputs = new object?[taskCount];
        Errors = new TaskError?[taskCount];
        StartedAt = new DateTime[taskCount];
        FirstStartedAt = new DateTime[taskCount];
        EndedAt = new DateTime[taskCount];
        DueAt = new DateTime?[taskCount];
    }

    public FlowTaskStatus[] Status { get; }

    public int[] Attempts { get; }

    public object?[] Outputs { get; }

    public TaskError?[] Errors { get; }

    /// <summary>When each task's latest attempt started.</summary>
    public DateTime[] StartedAt { get; }

    /// <summary>When each task first started since it was last pending (its first attempt, or its
    /// first after a retried run, a resume or a rollback put it back): what a display times it from.</summary>
    public DateTime[] FirstStartedAt { get; }

    /// <summary>When each task ended; default while it has not.</summary>
    public DateTime[] EndedAt { get; }

    /// <summary>When a task waiting for a retry is due.</summary>
    public DateTime?[] DueAt { get; }

    public Dictionary<string, object?> Context { get; } = new(StringComparer.Ordinal);

    /// <summary>Tasks in the order they completed (for compensation).</summary>
    public List<int> CompletionOrder { get; } = [];

    /// <summary>Failed tasks whose failure paused the run, waiting for resume or skip.</summary>
    public HashSet<int> AwaitingDecision { get; } = [];

    internal RunPhase Phase { get; set; } = RunPhase.Pending;

    public DateTime? RunStartedAt { get; set; }

    public TaskError? RunError { get; set; }

    /// <summary>History entries applied (the next sequence to read).</summary>
    public long Applied { get; set; }
}
