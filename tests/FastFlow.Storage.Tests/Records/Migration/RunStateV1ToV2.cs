using System.Globalization;
using FastFlow.Storage.Records;
using FastFlow.Storage.Records.Migration;
using MessagePack;

namespace FastFlow.Storage.Tests.Records.Migration;

/// <summary>RunState 1 → 2: key 2 turns from ISO 8601 text into Unix milliseconds, key 3
/// (attempts) is added as 0; keys 0 and 1 are copied as they are.</summary>
public sealed class RunStateV1ToV2() : RecordMigrator(RecordKind.RunState, 1)
{
    public override void Migrate(ref MessagePackReader reader, ref MessagePackWriter writer, MessagePackSerializerOptions options)
    {
        var count = reader.ReadArrayHeader();
        if (count != 3)
        {
            throw new MessagePackSerializationException($"A version-1 RunState has 3 keys, not {count}.");
        }

        writer.WriteArrayHeader(4);
        writer.WriteRaw(reader.ReadRaw());
        writer.WriteRaw(reader.ReadRaw());
        var text = reader.ReadString() ?? throw new MessagePackSerializationException("UpdatedAt is nil.");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new MessagePackSerializationException($"UpdatedAt '{text}' is not a date.");
        }

        writer.Write(at.ToUnixTimeMilliseconds());
        writer.Write(0);
    }
}

/// <summary>RunState 2 → 3, as a later build might add: used to write records this build cannot read.</summary>
public sealed class RunStateV2ToV3() : RecordMigrator(RecordKind.RunState, 2)
{
    public override void Migrate(ref MessagePackReader reader, ref MessagePackWriter writer, MessagePackSerializerOptions options) =>
        writer.WriteRaw(reader.ReadRaw());
}
