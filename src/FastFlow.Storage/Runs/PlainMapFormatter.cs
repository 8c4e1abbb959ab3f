using System.Globalization;
using MessagePack;
using MessagePack.Formatters;

namespace FastFlow.Storage.Runs;

/// <summary>The MessagePack formatter of a map of plain values (a run's inputs, outputs or
/// context): string keys, values as <see cref="PlainValueFormatter"/> writes and reads them.
/// <c>null</c> is written as nil and read back as <c>null</c>; anything but a map or nil is
/// refused on read.</summary>
public sealed class PlainMapFormatter : IMessagePackFormatter<Dictionary<string, object?>?>
{
    /// <summary>A shared instance; the formatter keeps no state.</summary>
    public static PlainMapFormatter Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, Dictionary<string, object?>? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        PlainValues.WriteMapRoot(ref writer, value);
    }

    /// <inheritdoc />
    public Dictionary<string, object?>? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw new MessagePackSerializationException(string.Create(CultureInfo.InvariantCulture,
                $"A plain map was expected; found a MessagePack {reader.NextMessagePackType}."));
        }

        return PlainValues.ReadMap(ref reader, 1);
    }
}
