using System.Globalization;
using MessagePack;

namespace FastFlow.Protocol.Payloads;

/// <summary>Reading helpers shared by the message codecs. Every failure is a
/// <see cref="ProtocolException"/> naming the field, so the server can answer with it.</summary>
public static class PayloadReader
{
    private static readonly object s_true = true;
    private static readonly object s_false = false;

    /// <summary>Reads the map every payload is. An empty payload reads as an empty map.</summary>
    public static int ReadPayloadMap(ref MessagePackReader reader, string message)
    {
        if (reader.End)
        {
            return 0;
        }

        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw Malformed($"A {message} payload is a MessagePack map; this one starts with a {reader.NextMessagePackType}.");
        }

        return reader.ReadMapHeader();
    }

    /// <summary>The longest field name compared; longer names are unknown and skipped.</summary>
    public const int MaxKeyBytes = 64;

    /// <summary>Reads a field name as UTF-8 bytes, without allocating when the name lies in one
    /// buffer segment (a copy is made only for a name split across segments). A name longer than
    /// <see cref="MaxKeyBytes"/> reads as empty (no field has it, so its value is skipped).</summary>
    public static ReadOnlySpan<byte> ReadKey(ref MessagePackReader reader, string message)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Malformed($"The keys of a {message} payload are strings; one is a {reader.NextMessagePackType}.");
        }

        if (reader.TryReadStringSpan(out var span))
        {
            return span.Length > MaxKeyBytes ? default : span;
        }

        var sequence = reader.ReadStringSequence();
        return sequence is not { } bytes || bytes.Length > MaxKeyBytes ? default : System.Buffers.BuffersExtensions.ToArray(bytes);
    }

    /// <summary>Reads an array of nested records.</summary>
    public static IReadOnlyList<T> ReadList<T>(ref MessagePackReader reader, string field, int depth, DecodeLimits limits, ItemReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (reader.TryReadNil())
        {
            return Array.Empty<T>();
        }

        var count = ReadArrayHeader(ref reader, field, depth, limits);
        if (count == 0)
        {
            return Array.Empty<T>();
        }

        // The count is the sender's claim: the list grows as items really arrive.
        var list = new List<T>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            PlainValueBudget.Charge(PlainValueBudget.ContainerCost, field, limits);
            list.Add(read(ref reader, limits, depth + 2));
        }

        return list;
    }

    /// <summary>Reads a string field (nil reads as null).</summary>
    public static string? ReadString(ref MessagePackReader reader, string field)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Malformed($"'{field}' is a string; it was a {reader.NextMessagePackType}.");
        }

        return reader.ReadString();
    }

    /// <summary>Reads a string field that must be there.</summary>
    public static string ReadRequiredString(ref MessagePackReader reader, string field) =>
        ReadString(ref reader, field) ?? throw Malformed($"'{field}' may not be nil.");

    /// <summary>Reads an integer field.</summary>
    public static long ReadInt64(ref MessagePackReader reader, string field)
    {
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            throw Malformed($"'{field}' is an integer; it was a {reader.NextMessagePackType}.");
        }

        try
        {
            return reader.ReadInt64();
        }
        catch (OverflowException exception)
        {
            throw new ProtocolException(ErrorCode.MalformedPayload, $"'{field}' does not fit a signed 64-bit integer.", exception);
        }
    }

    /// <summary>Reads an integer field that may be nil.</summary>
    public static long? ReadOptionalInt64(ref MessagePackReader reader, string field) =>
        reader.TryReadNil() ? null : ReadInt64(ref reader, field);

    /// <summary>Reads an integer field in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int ReadInt32(ref MessagePackReader reader, string field, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = ReadInt64(ref reader, field);
        if (value < min || value > max)
        {
            throw new ProtocolException(ErrorCode.InvalidRequest, string.Create(CultureInfo.InvariantCulture,
                $"'{field}' is {value}; it must be between {min} and {max}."));
        }

        return (int)value;
    }

    /// <summary>Reads a boolean field.</summary>
    public static bool ReadBoolean(ref MessagePackReader reader, string field)
    {
        if (reader.NextMessagePackType != MessagePackType.Boolean)
        {
            throw Malformed($"'{field}' is a boolean; it was a {reader.NextMessagePackType}.");
        }

        return reader.ReadBoolean();
    }

    /// <summary>Reads a time: integer milliseconds since 1970-01-01 UTC, or nil.</summary>
    public static DateTimeOffset? ReadTime(ref MessagePackReader reader, string field)
    {
        var ms = ReadOptionalInt64(ref reader, field);
        if (ms is not { } value)
        {
            return null;
        }

        if (value < -62135596800000 || value > 253402300799999)
        {
            throw Malformed($"'{field}' is {value.ToString(CultureInfo.InvariantCulture)} ms since 1970, outside years 1–9999.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(value);
    }

    /// <summary>Reads a map of plain values (string keys), or nil as null.</summary>
    /// <param name="reader">At the value.</param>
    /// <param name="field">For messages.</param>
    /// <param name="depth">Containers enclosing the value (the payload map is 1).</param>
    /// <param name="limits">The depth bound.</param>
    public static Dictionary<string, object?>? ReadPlainMap(ref MessagePackReader reader, string field, int depth, DecodeLimits limits)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw Malformed($"'{field}' is a map; it was a {reader.NextMessagePackType}.");
        }

        return (Dictionary<string, object?>)ReadPlain(ref reader, field, depth, limits)!;
    }

    /// <summary>Reads one plain value: nil, boolean, integer (as <see cref="long"/>; above
    /// <see cref="long.MaxValue"/> as <see cref="double"/>), float (as <see cref="double"/>),
    /// string, array (as <c>List&lt;object?&gt;</c>) or map with string keys (as
    /// <c>Dictionary&lt;string, object?&gt;</c>). Binary and extension values are refused, and so is
    /// a payload whose values exceed <see cref="DecodeLimits.MaxPlainValues"/>.</summary>
    public static object? ReadPlain(ref MessagePackReader reader, string field, int depth, DecodeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var type = reader.NextMessagePackType;
        PlainValueBudget.Charge(type is MessagePackType.Map or MessagePackType.Array ? PlainValueBudget.ContainerCost : 1, field, limits);
        switch (type)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? s_true : s_false;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    var unsigned = reader.ReadUInt64();
                    // Boxed per branch: a conditional of double and long would be a double, turning
                    // every uint64-coded integer (a positive one above 2^32) into an inexact float.
                    if (unsigned > long.MaxValue)
                    {
                        return (double)unsigned;
                    }

                    return (long)unsigned;
                }

                return reader.ReadInt64();
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Map:
            {
                CheckDepth(depth + 1, field, limits);
                var count = reader.ReadMapHeader();
                var map = new Dictionary<string, object?>(Math.Min(count, 64), StringComparer.Ordinal);
                for (var i = 0; i < count; i++)
                {
                    if (reader.NextMessagePackType != MessagePackType.String)
                    {
                        throw Malformed($"The keys of maps in '{field}' are strings; one is a {reader.NextMessagePackType}.");
                    }

                    var key = reader.ReadString()!;
                    if (!map.TryAdd(key, ReadPlain(ref reader, field, depth + 1, limits)))
                    {
                        throw Malformed($"A map in '{field}' has the key '{key}' twice.");
                    }
                }

                return map;
            }

            case MessagePackType.Array:
            {
                CheckDepth(depth + 1, field, limits);
                var count = reader.ReadArrayHeader();
                var list = new List<object?>(Math.Min(count, 64));
                for (var i = 0; i < count; i++)
                {
                    list.Add(ReadPlain(ref reader, field, depth + 1, limits));
                }

                return list;
            }

            default:
                throw Malformed($"'{field}' holds a MessagePack {reader.NextMessagePackType}; only nil, booleans, numbers, strings, arrays and maps are accepted.");
        }
    }

    /// <summary>Reads an array header, checking the depth it opens.</summary>
    public static int ReadArrayHeader(ref MessagePackReader reader, string field, int depth, DecodeLimits limits)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw Malformed($"'{field}' is an array; it was a {reader.NextMessagePackType}.");
        }

        CheckDepth(depth + 1, field, limits);
        return reader.ReadArrayHeader();
    }

    /// <summary>Reads a map header, checking the depth it opens.</summary>
    public static int ReadMapHeader(ref MessagePackReader reader, string field, int depth, DecodeLimits limits)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw Malformed($"'{field}' is a map; it was a {reader.NextMessagePackType}.");
        }

        CheckDepth(depth + 1, field, limits);
        return reader.ReadMapHeader();
    }

    /// <summary>Skips the value of an unknown field, without recursion and within the depth limit
    /// (MessagePack's own skip recurses, so a hostile payload could exhaust the stack).</summary>
    public static void Skip(ref MessagePackReader reader, string field, int depth, DecodeLimits limits)
    {
        // Values still to skip at each open level; a map counts two per entry.
        Span<long> pending = stackalloc long[Math.Min(limits.MaxDepth + 2, 256)];
        var level = 0;
        pending[0] = 1;
        while (level >= 0)
        {
            if (pending[level] == 0)
            {
                level--;
                continue;
            }

            pending[level]--;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Map:
                case MessagePackType.Array:
                {
                    var isMap = reader.NextMessagePackType == MessagePackType.Map;
                    CheckDepth(depth + level + 1, field, limits);
                    if (level + 1 >= pending.Length)
                    {
                        throw TooDeep(field, limits);
                    }

                    long count = isMap ? reader.ReadMapHeader() : reader.ReadArrayHeader();
                    pending[++level] = isMap ? count * 2 : count;
                    break;
                }

                default:
                    reader.Skip();
                    break;
            }
        }
    }

    /// <summary>Refuses a container at <paramref name="depth"/> past the limit.</summary>
    public static void CheckDepth(int depth, string field, DecodeLimits limits)
    {
        if (depth > limits.MaxDepth)
        {
            throw TooDeep(field, limits);
        }
    }

    private static ProtocolException TooDeep(string field, DecodeLimits limits) =>
        new(ErrorCode.TooDeep, string.Create(CultureInfo.InvariantCulture,
            $"'{field}' nests maps and arrays more than {limits.MaxDepth} deep (counting the payload's own map). Flatten the value."));

    /// <summary>A <see cref="ErrorCode.MalformedPayload"/> exception.</summary>
    public static ProtocolException Malformed(string message) => new(ErrorCode.MalformedPayload, message);
}
