using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>A task of a run as stored: in a terminal <see cref="RunRecord"/> and in every
/// <see cref="CheckpointRecord"/>.</summary>
[MessagePackObject]
public sealed class TaskRecord
{
    /// <summary>The task's id in its workflow.</summary>
    [Key(0)]
    public string TaskId { get; set; } = "";

    /// <summary>The task's status in wire form, e.g. <c>"pending"</c>, <c>"in_progress"</c>, <c>"completed"</c>.</summary>
    [Key(1)]
    public string Status { get; set; } = "";

    /// <summary>How many attempts have started.</summary>
    [Key(2)]
    public int Attempts { get; set; }

    /// <summary>The task's output, a plain value (see <see cref="PlainValueFormatter"/>).</summary>
    [Key(3)]
    [MessagePackFormatter(typeof(PlainValueFormatter))]
    public object? Output { get; set; }

    /// <summary>Why the task failed, when it did.</summary>
    [Key(4)]
    public ErrorRecord? Error { get; set; }

    /// <summary>When the first attempt started (UTC).</summary>
    [Key(5)]
    public DateTime? StartedAt { get; set; }

    /// <summary>When the task reached its final status (UTC).</summary>
    [Key(6)]
    public DateTime? EndedAt { get; set; }

    /// <summary>The parameters the task ran with, a plain value; kept at the debug level.</summary>
    [Key(7)]
    [MessagePackFormatter(typeof(PlainValueFormatter))]
    public object? Parameters { get; set; }
}
