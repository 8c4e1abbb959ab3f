using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using K4os.Compression.LZ4;
using MessagePack;

namespace FastFlow.Protocol.Tests.Vectors;

/// <summary>Explains a frame byte by byte (header fields, then each MessagePack token of the
/// payload), for the examples of docs/protocol.md: the text is derived from the bytes, never typed.</summary>
internal static class FrameAnnotator
{
    /// <summary>Hex bytes shown per token before the rest is elided.</summary>
    private const int ShownBytes = 8;

    /// <summary>Width of the hex column.</summary>
    private const int HexColumn = 42;

    public static string Annotate(byte[] frame)
    {
        var text = new StringBuilder();
        var header = FrameHeader.Read(frame);
        Line(text, frame.AsSpan(0, 4), $"length = {header.Length}: bytes after these 4 (7 header bytes + {header.PayloadLength} payload bytes)");
        Line(text, frame.AsSpan(4, 1), $"version = {header.Version}");
        Line(text, frame.AsSpan(5, 1), $"type = 0x{(byte)header.Type:x2} {MessageCodec.NameOf(header.Type)}");
        Line(text, frame.AsSpan(6, 1), $"flags = 0x{(byte)header.Flags:x2} {FlagNames(header.Flags)}");
        Line(text, frame.AsSpan(7, 4), $"request_id = {header.RequestId}");
        var payload = frame.AsSpan(FrameHeader.Size);
        if (payload.IsEmpty)
        {
            text.Append("(no payload: an empty payload is an empty map)\n");
            return text.ToString();
        }

        if ((header.Flags & FrameFlags.Compressed) != 0)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(payload);
            Line(text, payload[..4], $"inflated size = {size} (u32 big-endian)");
            Line(text, payload[4..], $"LZ4 block, {payload.Length - 4} bytes");
            var inflated = new byte[size];
            LZ4Codec.Decode(payload[4..], inflated);
            text.Append(CultureInfo.InvariantCulture, $"-- the {size} inflated bytes:\n");
            Tokens(text, inflated);
        }
        else
        {
            Tokens(text, payload.ToArray());
        }

        return text.ToString();
    }

    /// <summary>Formats hex in lines of 32 bytes.</summary>
    public static string Wrap(string hex)
    {
        var text = new StringBuilder();
        for (var i = 0; i < hex.Length; i += 64)
        {
            text.Append(hex.AsSpan(i, Math.Min(64, hex.Length - i))).Append('\n');
        }

        return text.ToString();
    }

    private static void Tokens(StringBuilder text, byte[] payload)
    {
        var reader = new MessagePackReader(new ReadOnlySequence<byte>(payload));
        // Values still due at each open container (a map counts two per entry), and whether it is a map.
        var open = new Stack<(long Left, bool IsMap)>();
        while (!reader.End)
        {
            var start = (int)reader.Consumed;
            var code = payload[start];
            var indent = new string(' ', 2 * open.Count);
            var isKey = open.TryPeek(out var container) && container.IsMap && container.Left % 2 == 0;
            string meaning;
            long children = 0;
            var isMap = false;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Map:
                    children = reader.ReadMapHeader();
                    meaning = $"{Format(code)}: map of {Count(children, "entry", "entries")}";
                    isMap = true;
                    break;
                case MessagePackType.Array:
                    children = reader.ReadArrayHeader();
                    meaning = $"{Format(code)}: array of {Count(children, "item", "items")}";
                    break;
                case MessagePackType.String:
                    var value = reader.ReadString();
                    meaning = isKey ? $"{Format(code)}: key \"{value}\"" : $"{Format(code)}: \"{Shorten(value!)}\"";
                    break;
                case MessagePackType.Integer:
                    var number = reader.ReadInt64();
                    meaning = $"{Format(code)}: {number}{AsTime(number)}";
                    break;
                case MessagePackType.Float:
                    meaning = $"{Format(code)}: {reader.ReadDouble().ToString("R", CultureInfo.InvariantCulture)}";
                    break;
                case MessagePackType.Boolean:
                    meaning = reader.ReadBoolean() ? "true" : "false";
                    break;
                case MessagePackType.Nil:
                    reader.ReadNil();
                    meaning = "nil";
                    break;
                default:
                    throw new InvalidOperationException($"No annotation for {reader.NextMessagePackType}.");
            }

            Line(text, payload.AsSpan(start, (int)reader.Consumed - start), indent + meaning);
            if (children > 0)
            {
                // The container counts as a value of its parent once its last child is read.
                open.Push((isMap ? children * 2 : children, isMap));
            }
            else
            {
                Consumed(open);
            }
        }
    }

    /// <summary>One value of the innermost container is done: close every container it completes
    /// (each closed container is one value of its parent).</summary>
    private static void Consumed(Stack<(long Left, bool IsMap)> open)
    {
        while (open.Count > 0)
        {
            var (left, isMap) = open.Pop();
            if (left > 1)
            {
                open.Push((left - 1, isMap));
                return;
            }
        }
    }

    private static void Line(StringBuilder text, ReadOnlySpan<byte> bytes, string meaning)
    {
        var hex = new StringBuilder();
        for (var i = 0; i < Math.Min(bytes.Length, ShownBytes); i++)
        {
            hex.Append(CultureInfo.InvariantCulture, $"{bytes[i]:x2} ");
        }

        if (bytes.Length > ShownBytes)
        {
            hex.Append(CultureInfo.InvariantCulture, $"… ({bytes.Length} bytes)");
        }

        text.Append(hex.ToString().TrimEnd().PadRight(HexColumn)).Append(' ').Append(meaning).Append('\n');
    }

    private static string Count(long count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    private static string FlagNames(FrameFlags flags) => flags switch
    {
        FrameFlags.None => "(none)",
        FrameFlags.Compressed => "(compressed)",
        FrameFlags.Push => "(push)",
        _ => "(compressed, push)",
    };

    private static string AsTime(long number) =>
        number is > 1_000_000_000_000 and < 10_000_000_000_000
            ? " (Unix ms: " + DateTimeOffset.FromUnixTimeMilliseconds(number).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + ")"
            : string.Empty;

    private static string Shorten(string value)
    {
        var oneLine = value.Replace("\n", "\\n", StringComparison.Ordinal);
        return oneLine.Length > 40 ? oneLine[..40] + "…" : oneLine;
    }

    /// <summary>The MessagePack format family of a first byte.</summary>
    private static string Format(byte code) => code switch
    {
        <= 0x7f => "positive fixint",
        <= 0x8f => "fixmap",
        <= 0x9f => "fixarray",
        <= 0xbf => $"fixstr({code & 0x1f})",
        0xca => "float32",
        0xcb => "float64",
        0xcc => "uint8",
        0xcd => "uint16",
        0xce => "uint32",
        0xcf => "uint64",
        0xd0 => "int8",
        0xd1 => "int16",
        0xd2 => "int32",
        0xd3 => "int64",
        0xd9 => "str8",
        0xda => "str16",
        0xdb => "str32",
        0xdc => "array16",
        0xdd => "array32",
        0xde => "map16",
        0xdf => "map32",
        >= 0xe0 => "negative fixint",
        _ => $"0x{code:x2}",
    };
}
