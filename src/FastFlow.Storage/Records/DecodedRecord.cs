namespace FastFlow.Storage.Records;

/// <summary>A record that passed every check: its value, upgraded to the current format version,
/// and its header as stored.</summary>
/// <typeparam name="T">The record's .NET type.</typeparam>
public readonly struct DecodedRecord<T>
{
    internal DecodedRecord(T value, RecordHeader header, bool migrated)
    {
        Value = value;
        Header = header;
        Migrated = migrated;
    }

    /// <summary>The record's value.</summary>
    public T Value { get; }

    /// <summary>The header as stored; <see cref="RecordHeader.FormatVersion"/> is the version on disk.</summary>
    public RecordHeader Header { get; }

    /// <summary>Whether the payload was of an older format version and went through migrators.
    /// A store may rewrite such a record at the current version.</summary>
    public bool Migrated { get; }
}
