using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>Writes and reads plain values, the data a run carries (task outputs, inputs, context):
/// null, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/>,
/// <c>Dictionary&lt;string, object?&gt;</c> and <c>List&lt;object?&gt;</c>, nested up to
/// <see cref="MaxDepth"/> containers deep. Shared by <see cref="PlainValueFormatter"/> and
/// <see cref="PlainMapFormatter"/>.</summary>
internal static class PlainValues
{
    /// <summary>The deepest nesting of maps and lists written or read; a container inside a
    /// container at this depth is refused (which also stops a list that contains itself).</summary>
    public const int MaxDepth = 256;

    /// <summary>Boxed <c>true</c>, so reading a flag allocates nothing.</summary>
    private static readonly object s_true = true;

    /// <summary>Boxed <c>false</c>, so reading a flag allocates nothing.</summary>
    private static readonly object s_false = false;

    /// <summary>Writes a value that is the whole of a record member. When part of it is not plain,
    /// the exception names the .NET type and where it is inside the value.</summary>
    public static void WriteRoot(ref MessagePackWriter writer, object? value)
    {
        try
        {
            Write(ref writer, value, 0);
        }
        catch (MessagePackSerializationException) when (Describe(value) is { } problem)
        {
            // The writer carries no path, to keep the common case lean; find it again here. The
            // new exception replaces the first (no inner): it says all the first did, and more.
            throw new MessagePackSerializationException(problem);
        }
    }

    /// <summary>Writes a map that is the whole of a record member; see <see cref="WriteRoot"/>.</summary>
    public static void WriteMapRoot(ref MessagePackWriter writer, Dictionary<string, object?> map)
    {
        try
        {
            WriteMap(ref writer, map, 1);
        }
        catch (MessagePackSerializationException) when (Describe(map) is { } problem)
        {
            throw new MessagePackSerializationException(problem);
        }
    }

    /// <summary>Reads one plain value.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="depth">How many containers enclose the value.</param>
    public static object? Read(ref MessagePackReader reader, int depth)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? s_true : s_false;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    // The one integer encoding that can exceed long: kept as the nearest double.
                    // (Not a ?: of the two: that would make every such integer a double.)
                    var unsigned = reader.ReadUInt64();
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
                return ReadMap(ref reader, depth + 1);
            case MessagePackType.Array:
                return ReadList(ref reader, depth + 1);
            default:
                throw Unreadable(ref reader);
        }
    }

    /// <summary>Reads a map whose keys are strings; <paramref name="depth"/> counts the map itself.</summary>
    public static Dictionary<string, object?> ReadMap(ref MessagePackReader reader, int depth)
    {
        CheckDepth(depth);
        var count = reader.ReadMapHeader();
        var map = new Dictionary<string, object?>(Math.Min(count, 64), StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.String)
            {
                throw new MessagePackSerializationException(string.Create(CultureInfo.InvariantCulture,
                    $"A plain map's keys are strings; key {i} is a MessagePack {reader.NextMessagePackType}."));
            }

            var key = reader.ReadString()!;
            if (!map.TryAdd(key, Read(ref reader, depth)))
            {
                throw new MessagePackSerializationException($"A plain map has the key '{key}' twice.");
            }
        }

        return map;
    }

    private static List<object?> ReadList(ref MessagePackReader reader, int depth)
    {
        CheckDepth(depth);
        var count = reader.ReadArrayHeader();
        var list = new List<object?>(Math.Min(count, 64));
        for (var i = 0; i < count; i++)
        {
            list.Add(Read(ref reader, depth));
        }

        return list;
    }

    private static void Write(ref MessagePackWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case string text:
                writer.Write(text);
                break;
            case long integer:
                writer.Write(integer);
                break;
            case double number:
                // Always float64, bit for bit: -0.0, NaN payloads and infinities come back as written.
                writer.Write(number);
                break;
            case bool flag:
                writer.Write(flag);
                break;
            case Dictionary<string, object?> map:
                WriteMap(ref writer, map, depth + 1);
                break;
            case List<object?> list:
                WriteList(ref writer, list, depth + 1);
                break;
            default:
                throw NotPlain(value);
        }
    }

    private static void WriteMap(ref MessagePackWriter writer, Dictionary<string, object?> map, int depth)
    {
        CheckDepth(depth);
        writer.WriteMapHeader(map.Count);
        foreach (var pair in map)
        {
            writer.Write(pair.Key);
            Write(ref writer, pair.Value, depth);
        }
    }

    private static void WriteList(ref MessagePackWriter writer, List<object?> list, int depth)
    {
        CheckDepth(depth);
        writer.WriteArrayHeader(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            Write(ref writer, list[i], depth);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            ThrowTooDeep();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooDeep() =>
        throw new MessagePackSerializationException(string.Create(CultureInfo.InvariantCulture,
            $"A plain value is nested more than {MaxDepth} maps and lists deep."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MessagePackSerializationException NotPlain(object value) => new(NotPlainMessage(value.GetType(), new StringBuilder()));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MessagePackSerializationException Unreadable(ref MessagePackReader reader)
    {
        var type = reader.NextMessagePackType;
        var what = type == MessagePackType.Extension ? "an extension (such as a timestamp)" : "a MessagePack " + type;
        return new MessagePackSerializationException($"A plain value cannot be {what}: only nil, booleans, integers, floats, strings, maps and arrays are read.");
    }

    /// <summary>What is wrong with a value that failed to write, and where; <c>null</c> when the
    /// value is fine (the failure was something else, and is rethrown as it was).</summary>
    private static string? Describe(object? root) => Locate(root, new StringBuilder(), 0);

    /// <summary>Walks <paramref name="value"/> in the order it is written and returns the first
    /// problem, naming its place (<paramref name="path"/> holds the way there); <c>null</c> when
    /// there is none.</summary>
    private static string? Locate(object? value, StringBuilder path, int depth)
    {
        switch (value)
        {
            case null or string or long or double or bool:
                return null;
            case Dictionary<string, object?> map:
                if (++depth > MaxDepth)
                {
                    return TooDeepMessage(path);
                }

                foreach (var pair in map)
                {
                    var length = path.Length;
                    path.Append("['").Append(pair.Key).Append("']");
                    if (Locate(pair.Value, path, depth) is { } problem)
                    {
                        return problem;
                    }

                    path.Length = length;
                }

                return null;
            case List<object?> list:
                if (++depth > MaxDepth)
                {
                    return TooDeepMessage(path);
                }

                for (var i = 0; i < list.Count; i++)
                {
                    var length = path.Length;
                    path.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                    if (Locate(list[i], path, depth) is { } problem)
                    {
                        return problem;
                    }

                    path.Length = length;
                }

                return null;
            default:
                return NotPlainMessage(value.GetType(), path);
        }
    }

    private static string TooDeepMessage(StringBuilder path) => string.Create(CultureInfo.InvariantCulture,
        $"A plain value is nested more than {MaxDepth} maps and lists deep{Where(path)}.");

    private static string NotPlainMessage(Type type, StringBuilder path) =>
        $"A plain value cannot hold a {type.FullName}{Where(path)}: only null, bool, long, double, string, " +
        "Dictionary<string, object?> and List<object?> are stored (convert ints to long, floats to double).";

    private static string Where(StringBuilder path) => path.Length == 0 ? "" : " (at " + path + ")";
}
