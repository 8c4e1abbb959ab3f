using MessagePack;
using MessagePack.Formatters;

namespace FastFlow.Storage.Runs;

/// <summary>The MessagePack formatter of a plain value: <c>null</c>, <see cref="bool"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <c>Dictionary&lt;string, object?&gt;</c>
/// and <c>List&lt;object?&gt;</c>, nested up to 256 maps and lists deep. Task outputs and
/// parameters, history values and the like are stored with it
/// (<c>[MessagePackFormatter(typeof(PlainValueFormatter))]</c>).</summary>
/// <remarks>
/// <para>Writing any other type (an <see cref="int"/>, a <see cref="DateTime"/>, an array…) throws
/// <see cref="MessagePackSerializationException"/> naming the .NET type and where it sits in the
/// value: the caller converts first, so that what is read back is exactly what was written.</para>
/// <para>Reading gives back the same types: every integer as <see cref="long"/> (an unsigned
/// 64-bit integer above <see cref="long.MaxValue"/>, which this formatter never writes, as the
/// nearest <see cref="double"/>), float32 and float64 as <see cref="double"/>. A map key that is
/// not a string, a key that appears twice, binary data, an extension or nesting deeper than 256
/// is refused. Doubles are written as float64 and come back bit for bit, including -0.0,
/// infinities and NaN (JSON-like data never holds NaN; a NaN that is stored is kept, not
/// refused).</para>
/// </remarks>
public sealed class PlainValueFormatter : IMessagePackFormatter<object?>
{
    /// <summary>A shared instance; the formatter keeps no state.</summary>
    public static PlainValueFormatter Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, object? value, MessagePackSerializerOptions options) =>
        PlainValues.WriteRoot(ref writer, value);

    /// <inheritdoc />
    public object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        PlainValues.Read(ref reader, 0);
}
