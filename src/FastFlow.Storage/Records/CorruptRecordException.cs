namespace FastFlow.Storage.Records;

/// <summary>Thrown when a stored record fails one of the envelope's checks. The record is never
/// returned: the caller is told which record, which check failed, where, and what was expected,
/// so it can fall back to an earlier checkpoint and report the damage.</summary>
public sealed class CorruptRecordException : Exception
{
    /// <summary>Creates the exception for a failed check.</summary>
    /// <param name="recordName">The record's key or name as the caller knows it; <c>null</c> when unnamed.</param>
    /// <param name="check">The check that failed.</param>
    /// <param name="offset">The byte offset in the record where the check looked; -1 when none applies.</param>
    /// <param name="expected">What the check expected, as text; <c>null</c> when not applicable.</param>
    /// <param name="actual">What the record held instead, as text; <c>null</c> when not applicable.</param>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The exception that revealed the damage, if any.</param>
    public CorruptRecordException(string? recordName, RecordCheck check, long offset, string? expected, string? actual, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        RecordName = recordName;
        Check = check;
        Offset = offset;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CorruptRecordException() : this("The record is corrupt.") { }

    /// <summary>Creates the exception with a message.</summary>
    public CorruptRecordException(string message) : this(message, null) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CorruptRecordException(string message, Exception? innerException)
        : this(null, RecordCheck.Payload, -1, null, null, message, innerException) { }

    /// <summary>The record's key or name as the caller passed it; <c>null</c> when unnamed.</summary>
    public string? RecordName { get; }

    /// <summary>The check that failed.</summary>
    public RecordCheck Check { get; }

    /// <summary>The byte offset in the record where the failed check looked; -1 when none applies.</summary>
    public long Offset { get; }

    /// <summary>What the check expected, as text; <c>null</c> when not applicable.</summary>
    public string? Expected { get; }

    /// <summary>What the record held instead, as text; <c>null</c> when not applicable.</summary>
    public string? Actual { get; }
}
