namespace FastFlow.Storage.Runs;

/// <summary>A stored record or history entry that failed the record envelope's checks.</summary>
/// <param name="Where">The record's key (<c>ckpt/r-1/0000000000000000003</c>), or for a history
/// entry its stream and sequence (<c>run/r-1#17</c>).</param>
/// <param name="Kind">The kind of record expected there: <c>Definition</c>, <c>RunState</c>,
/// <c>RunEvent</c> or <c>Checkpoint</c> (<see cref="Records.RecordKind"/> names).</param>
/// <param name="Problem">The <see cref="Records.CorruptRecordException"/> message: which check
/// failed, where, and what was expected.</param>
/// <param name="Sequence">The history entry's sequence number; <c>null</c> for a record.</param>
public sealed record CorruptRecordReport(string Where, string Kind, string Problem, long? Sequence);
