namespace FastFlow.Storage.Records;

/// <summary>How much of a run a record holds (DESIGN §5). Each level includes the ones before it.
/// Values are part of the on-disk format: never renumber them.</summary>
public enum CheckpointLevel : byte
{
    /// <summary>Task and run statuses only.</summary>
    Minimal = 0,

    /// <summary>Statuses, the run's context and the tasks' outputs.</summary>
    Standard = 1,

    /// <summary>Everything in <see cref="Standard"/> and the event history.</summary>
    Comprehensive = 2,

    /// <summary>Everything in <see cref="Comprehensive"/> and each attempt's inputs and timings.</summary>
    Debug = 3,
}
