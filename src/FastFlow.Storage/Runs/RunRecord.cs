using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>A run as stored under <c>run/&lt;runId&gt;</c> (a <see cref="Records.RecordKind.RunState"/>
/// record): what started it, where it stands, and when it is terminal how it ended.</summary>
[MessagePackObject]
public sealed class RunRecord
{
    /// <summary>The run's id.</summary>
    [Key(0)]
    public string RunId { get; set; } = "";

    /// <summary>The workflow the run executes.</summary>
    [Key(1)]
    public string WorkflowId { get; set; } = "";

    /// <summary>The <see cref="DefinitionRecord.Revision"/> of the definition it runs.</summary>
    [Key(2)]
    public string DefinitionRevision { get; set; } = "";

    /// <summary>The run's status in wire form: <c>"pending"</c>, <c>"running"</c>, … and the
    /// terminal <c>"completed"</c>, <c>"failed"</c> and <c>"cancelled"</c>
    /// (<see cref="RunStore.IsTerminalStatus"/>).</summary>
    [Key(3)]
    public string Status { get; set; } = "";

    /// <summary>The run's priority in wire form, e.g. <c>"normal"</c>.</summary>
    [Key(4)]
    public string Priority { get; set; } = "";

    /// <summary>The inputs the run was started with, plain values.</summary>
    [Key(5)]
    [MessagePackFormatter(typeof(PlainMapFormatter))]
    public Dictionary<string, object?> Inputs { get; set; } = [];

    /// <summary>When the run was created (UTC).</summary>
    [Key(6)]
    public DateTime CreatedAt { get; set; }

    /// <summary>When the run started (UTC).</summary>
    [Key(7)]
    public DateTime? StartedAt { get; set; }

    /// <summary>When the run reached a terminal status (UTC). It orders the retention index; a
    /// terminal run without it is indexed by <see cref="UpdatedAt"/>.</summary>
    [Key(8)]
    public DateTime? CompletedAt { get; set; }

    /// <summary>Why the run failed, when it did.</summary>
    [Key(9)]
    public ErrorRecord? Error { get; set; }

    /// <summary>The run's outputs, plain values; set when it completed.</summary>
    [Key(10)]
    [MessagePackFormatter(typeof(PlainMapFormatter))]
    public Dictionary<string, object?>? Outputs { get; set; }

    /// <summary>The tasks as they ended; filled when the run is terminal.</summary>
    [Key(11)]
    public List<TaskRecord>? Tasks { get; set; }

    /// <summary>When this record was last written (UTC).</summary>
    [Key(12)]
    public DateTime UpdatedAt { get; set; }

    /// <summary>The run's checkpoint level in wire form (<c>"minimal"</c>, <c>"standard"</c>,
    /// <c>"comprehensive"</c>, <c>"debug"</c>), when it has one of its own.</summary>
    [Key(13)]
    public string? CheckpointLevel { get; set; }

    /// <summary>True for a run created to be started later (a server's create_run): recovery keeps
    /// it pending instead of starting it. Records written before this field read as false.</summary>
    [Key(14)]
    public bool AwaitingStart { get; set; }
}
