using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>A checkpoint of a run, stored under <c>ckpt/&lt;runId&gt;/&lt;checkpointId, 19 digits&gt;</c>
/// as a <see cref="Records.RecordKind.Checkpoint"/> record whose header carries <see cref="Level"/>.
/// What it holds depends on the level: statuses always, the context and outputs from
/// <c>"standard"</c>, the history from <c>"comprehensive"</c>.</summary>
[MessagePackObject]
public sealed class CheckpointRecord
{
    /// <summary>The run's id.</summary>
    [Key(0)]
    public string RunId { get; set; } = "";

    /// <summary>The checkpoint's id within the run: 1, 2, 3… (<see cref="RunStore.NextCheckpointId"/>).</summary>
    [Key(1)]
    public long CheckpointId { get; set; }

    /// <summary>The level in wire form: <c>"minimal"</c>, <c>"standard"</c>, <c>"comprehensive"</c> or <c>"debug"</c>.</summary>
    [Key(2)]
    public string Level { get; set; } = "";

    /// <summary>When it was taken (UTC).</summary>
    [Key(3)]
    public DateTime TakenAt { get; set; }

    /// <summary>How many history entries it covers: the entries with a
    /// <see cref="HistoryEntry.Sequence"/> below this happened before it.</summary>
    [Key(4)]
    public long CoversSequence { get; set; }

    /// <summary>The run's status in wire form when it was taken.</summary>
    [Key(5)]
    public string RunStatus { get; set; } = "";

    /// <summary>Every task of the run as it stood.</summary>
    [Key(6)]
    public List<TaskRecord> Tasks { get; set; } = [];

    /// <summary>The run's context, plain values; from the <c>"standard"</c> level.</summary>
    [Key(7)]
    [MessagePackFormatter(typeof(PlainMapFormatter))]
    public Dictionary<string, object?>? Context { get; set; }

    /// <summary>The history it covers, from the <c>"comprehensive"</c> level: the last entries
    /// before <see cref="CoversSequence"/> (normally all of them). Their
    /// <see cref="HistoryEntry.Sequence"/> is filled on read on that assumption.</summary>
    [Key(8)]
    public List<HistoryEntry>? History { get; set; }

    /// <summary>Why it was taken, e.g. <c>"periodic"</c>, <c>"task.completed"</c>, <c>"manual"</c>.</summary>
    [Key(9)]
    public string? Reason { get; set; }
}
