namespace FastFlow.Storage.Records;

/// <summary>What a stored record holds. Written into the record header, so a record read under the
/// wrong key or by the wrong reader is refused instead of misread. Values are part of the on-disk
/// format: never renumber them.</summary>
public enum RecordKind : byte
{
    /// <summary>One revision of a workflow definition.</summary>
    Definition = 1,

    /// <summary>The state of a run: statuses, and by checkpoint level its context and outputs.</summary>
    RunState = 2,

    /// <summary>One entry of a run's append-only event history (the audit trail).</summary>
    RunEvent = 3,

    /// <summary>A checkpoint of a run that the run can be rolled back to.</summary>
    Checkpoint = 4,

    /// <summary>A schedule that starts runs.</summary>
    Schedule = 5,
}
