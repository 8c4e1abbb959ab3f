using MessagePack;

namespace FastFlow.Storage.Records.Migration;

/// <summary>Upgrades the MessagePack payload of one record kind from format version
/// <see cref="FromVersion"/> to <see cref="FromVersion"/> + 1. A migrator reads the old payload with a
/// <see cref="MessagePackReader"/> and writes the new one with a <see cref="MessagePackWriter"/>, so
/// it needs neither the old nor the new .NET type; fields it does not change are copied with
/// <c>writer.WriteRaw(reader.ReadRaw())</c>.</summary>
/// <remarks>A migrator must read the whole old payload (one MessagePack value) and write exactly
/// one value. The payload is untrusted: on malformed input the reader throws
/// <see cref="MessagePackSerializationException"/>, <see cref="EndOfStreamException"/> and, from
/// <c>ReadRaw</c>, <see cref="ArgumentOutOfRangeException"/>. Any exception a migrator throws
/// surfaces as a <see cref="CorruptRecordException"/> with <see cref="RecordCheck.Migration"/> and
/// the original as its inner exception, so a bug in a migrator is reported as an unreadable record
/// (test migrators against malformed payloads).</remarks>
public abstract class RecordMigrator
{
    /// <summary>Creates a migrator for <paramref name="kind"/> records of format version
    /// <paramref name="fromVersion"/>.</summary>
    protected RecordMigrator(RecordKind kind, ushort fromVersion)
    {
        if (fromVersion is 0 or ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(fromVersion), fromVersion, "Format versions start at 1, and the last one has no successor.");
        }

        Kind = kind;
        FromVersion = fromVersion;
    }

    /// <summary>The record kind this migrator upgrades.</summary>
    public RecordKind Kind { get; }

    /// <summary>The format version this migrator reads.</summary>
    public ushort FromVersion { get; }

    /// <summary>The format version this migrator writes: <see cref="FromVersion"/> + 1.</summary>
    public ushort ToVersion => (ushort)(FromVersion + 1);

    /// <summary>Reads one version-<see cref="FromVersion"/> payload from <paramref name="reader"/> and
    /// writes it as version <see cref="ToVersion"/> to <paramref name="writer"/>.</summary>
    /// <param name="reader">Positioned at the start of the old payload.</param>
    /// <param name="writer">Where the new payload goes; the chain flushes it.</param>
    /// <param name="options">The codec's MessagePack options for reading (untrusted data), for
    /// migrators that deserialize parts of the payload.</param>
    public abstract void Migrate(ref MessagePackReader reader, ref MessagePackWriter writer, MessagePackSerializerOptions options);
}
