using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>One entry of a run's history: the append-only stream <c>run/&lt;runId&gt;</c>, one
/// <see cref="Records.RecordKind.RunEvent"/> record per entry.</summary>
[MessagePackObject]
public sealed class HistoryEntry
{
    /// <summary>The entry's position in the run's history (0, 1, 2, …). Not stored: it is the
    /// stream's sequence number, filled by <see cref="RunStore.AppendHistory"/> and on read.</summary>
    [IgnoreMember]
    public long Sequence { get; set; }

    /// <summary>When it happened (UTC).</summary>
    [Key(0)]
    public DateTime At { get; set; }

    /// <summary>What happened, in wire form: <c>"workflow.created"</c>, <c>"task.started"</c>,
    /// <c>"task.completed"</c>, <c>"context.set"</c>, <c>"run.rolled_back"</c>, ….</summary>
    [Key(1)]
    public string Type { get; set; } = "";

    /// <summary>The task it concerns, if any.</summary>
    [Key(2)]
    public string? TaskId { get; set; }

    /// <summary>The task's attempt it concerns (from 1); 0 when none.</summary>
    [Key(3)]
    public int Attempt { get; set; }

    /// <summary>Who caused it: <c>"engine"</c>, <c>"cli"</c>, <c>"recovery"</c>, ….</summary>
    [Key(4)]
    public string Actor { get; set; } = "";

    /// <summary>Why, in words, when someone said.</summary>
    [Key(5)]
    public string? Reason { get; set; }

    /// <summary>The status it moved the task or run to, in wire form.</summary>
    [Key(6)]
    public string? Status { get; set; }

    /// <summary>A task's output, a plain value.</summary>
    [Key(7)]
    [MessagePackFormatter(typeof(PlainValueFormatter))]
    public object? Output { get; set; }

    /// <summary>The error, for a failure.</summary>
    [Key(8)]
    public ErrorRecord? Error { get; set; }

    /// <summary>When something scheduled by it is due (a retry, a timer) (UTC).</summary>
    [Key(9)]
    public DateTime? DueAt { get; set; }

    /// <summary>The context key it set.</summary>
    [Key(10)]
    public string? Key { get; set; }

    /// <summary>The value it set, a plain value.</summary>
    [Key(11)]
    [MessagePackFormatter(typeof(PlainValueFormatter))]
    public object? Value { get; set; }

    /// <summary>The checkpoint it took or rolled back to.</summary>
    [Key(12)]
    public long? CheckpointId { get; set; }
}
