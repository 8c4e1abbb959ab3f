using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FastFlow.Data;

public static partial class PlainData
{
    /// <summary>Strict JSON (no comments, no trailing commas), nested as deep as plain data may be.</summary>
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Writer options of <see cref="ToJson"/>: readable text rather than HTML-safe text,
    /// since the JSON ends up in logs, terminals and interpolated strings, not in web pages.</summary>
    private static readonly JsonWriterOptions s_compactWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth + 1,
    };

    /// <summary>As <see cref="s_compactWriter"/>, indented.</summary>
    private static readonly JsonWriterOptions s_indentedWriter = s_compactWriter with { Indented = true };

    /// <summary>
    /// Converts parsed JSON to plain data: objects become maps (a repeated key keeps its last
    /// value), arrays become lists, numbers written without fraction or exponent that fit in a
    /// <see cref="long"/> become <see cref="long"/> and every other number a <see cref="double"/>
    /// (so <c>2</c> is an integer and <c>2.0</c> or <c>2e0</c> a number).
    /// </summary>
    public static object? FromJson(JsonElement element) => FromJson(element, 0);

    /// <summary>Parses JSON text to plain data (see <see cref="FromJson(JsonElement)"/>).</summary>
    /// <exception cref="JsonException">The text is not valid JSON; the exception gives the line
    /// and byte position of the problem.</exception>
    public static object? ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, s_documentOptions);
        return FromJson(document.RootElement, 0);
    }

    /// <summary>Parses JSON text to plain data; false (and a null value) when the text is not valid JSON.</summary>
    public static bool TryParseJson(string text, out object? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            value = ParseJson(text);
            return true;
        }
        catch (JsonException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>
    /// Writes a value as JSON, normalizing non-plain values first (see <see cref="Normalize"/>).
    /// A <see cref="double"/> is written in its shortest round-trip form and always with a fraction
    /// or exponent (<c>2.0</c>, not <c>2</c>), so that it reads back as a number and not as an
    /// integer; <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, which JSON cannot hold, are
    /// written as those strings. A lone UTF-16 surrogate in a string, which UTF-8 cannot hold,
    /// is written as U+FFFD.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(writer, value, 0);
    }

    /// <summary>The value as JSON text (see <see cref="WriteJson"/>). Non-ASCII characters are
    /// written as they are, not escaped.</summary>
    public static string ToJson(object? value, bool indented = false)
    {
        switch (value)
        {
            // The common scalars, without a writer.
            case null:
                return "null";
            case bool b:
                return b ? "true" : "false";
            case long l:
                return l.ToString(CultureInfo.InvariantCulture);
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, indented ? s_indentedWriter : s_compactWriter))
        {
            Write(writer, value, 0);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The JSON text of a finite double: shortest round-trip form, always with a
    /// fraction or an exponent.</summary>
    internal static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') < 0 ? text + ".0" : text;
    }

    private static object? FromJson(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                CheckDepth(depth);
                var map = new Dictionary<string, object?>(element.GetPropertyCount(), StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromJson(property.Value, depth + 1);
                }

                return map;
            case JsonValueKind.Array:
                CheckDepth(depth);
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJson(item, depth + 1));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var integer) ? integer : (object)element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Null:
                return null;
            default:
                return ThrowUndefined();
        }
    }

    [DoesNotReturn]
    private static object ThrowUndefined() =>
        throw new ArgumentException("The JSON element is undefined (a default JsonElement).", "element");

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case Dictionary<string, object?> map:
                CheckDepth(depth);
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case List<object?> list:
                CheckDepth(depth);
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                // Normalize returns plain data only, so this recursion ends at the next level.
                Write(writer, Normalize(value), depth);
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            return;
        }

        Span<byte> utf8 = stackalloc byte[32];
        if (!value.TryFormat(utf8, out var written, "R", CultureInfo.InvariantCulture))
        {
            // 32 bytes hold every round-trip double; kept for safety rather than speed.
            writer.WriteRawValue(FormatDouble(value), skipInputValidation: true);
            return;
        }

        if (utf8[..written].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            utf8[written++] = (byte)'.';
            utf8[written++] = (byte)'0';
        }

        writer.WriteRawValue(utf8[..written], skipInputValidation: true);
    }
}
