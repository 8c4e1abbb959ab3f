using System.Collections;
using System.Globalization;
using MessagePack;

namespace FastFlow.Protocol.Payloads;

/// <summary>Writing helpers shared by the message codecs.</summary>
public static class PayloadWriter
{
    /// <summary>The deepest value written; deeper parts are written as their text, so a reply is
    /// never refused by the reader's depth limit.</summary>
    public const int MaxWriteDepth = 24;

    /// <summary>Writes a time as integer milliseconds since 1970-01-01 UTC, or nil.</summary>
    public static void WriteTime(ref MessagePackWriter writer, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.Write(value.ToUnixTimeMilliseconds());
        }
        else
        {
            writer.WriteNil();
        }
    }

    /// <summary>Writes a string or nil.</summary>
    public static void WriteString(ref MessagePackWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.Write(value);
        }
    }

    /// <summary>Writes an integer or nil.</summary>
    public static void WriteInt64(ref MessagePackWriter writer, long? value)
    {
        if (value is { } number)
        {
            writer.Write(number);
        }
        else
        {
            writer.WriteNil();
        }
    }

    /// <summary>Writes a plain value: null, booleans, numbers, strings, times (ISO 8601 text),
    /// string-keyed dictionaries and lists. Anything else is written as its invariant text.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="depth">Containers enclosing the value (the payload map is 1).</param>
    public static void WritePlain(ref MessagePackWriter writer, object? value, int depth = 1)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                return;
            case string text:
                writer.Write(text);
                return;
            case bool flag:
                writer.Write(flag);
                return;
            case long number:
                writer.Write(number);
                return;
            case int number:
                writer.Write(number);
                return;
            case double number:
                writer.Write(number);
                return;
            case float number:
                writer.Write(number);
                return;
            case decimal number:
                writer.Write((double)number);
                return;
            case short or byte or sbyte or ushort or uint:
                writer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong number:
                writer.Write(number);
                return;
            case DateTimeOffset time:
                writer.Write(time.ToString("O", CultureInfo.InvariantCulture));
                return;
            case DateTime time:
                writer.Write(time.ToString("O", CultureInfo.InvariantCulture));
                return;
        }

        if (depth >= MaxWriteDepth)
        {
            writer.Write(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            return;
        }

        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteMapHeader(map.Count);
                foreach (var (key, item) in map)
                {
                    writer.Write(key);
                    WritePlain(ref writer, item, depth + 1);
                }

                return;
            case IDictionary map:
                writer.WriteMapHeader(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    writer.Write(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WritePlain(ref writer, entry.Value, depth + 1);
                }

                return;
            case IReadOnlyList<object?> list:
                writer.WriteArrayHeader(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    WritePlain(ref writer, list[i], depth + 1);
                }

                return;
            case IEnumerable items:
            {
                var copy = new List<object?>();
                foreach (var item in items)
                {
                    copy.Add(item);
                }

                WritePlain(ref writer, copy, depth);
                return;
            }

            default:
                writer.Write(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return;
        }
    }
}
