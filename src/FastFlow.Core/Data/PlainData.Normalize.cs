using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastFlow.Data;

public static partial class PlainData
{
    /// <summary>Serializer options for values that are not data yet (POCOs, records, anonymous
    /// types, tuples): public fields count as well as properties (tuples have only fields), and
    /// NaN and infinities become strings as <see cref="WriteJson"/> writes them. Names are kept as
    /// declared (or as <c>[JsonPropertyName]</c> says).</summary>
    private static readonly JsonSerializerOptions s_objectOptions = new()
    {
        IncludeFields = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        MaxDepth = MaxDepth,
    };

    /// <summary>Per dictionary type with string keys that is not an <see cref="IDictionary"/>:
    /// the closed <see cref="NormalizeGenericMap{TValue}"/> that copies it, or null for none.</summary>
    private static readonly ConcurrentDictionary<Type, Func<object, int, Dictionary<string, object?>>?> s_genericMaps = new();

    /// <summary>
    /// Converts anything a .NET handler may return into plain data:
    /// <list type="bullet">
    /// <item>plain scalars pass through as they are;</item>
    /// <item>other integers (<see cref="int"/>, <see cref="short"/>, <see cref="byte"/>,
    /// <see cref="ulong"/>, <see cref="Int128"/>, <see cref="BigInteger"/>...) become
    /// <see cref="long"/>, or <see cref="double"/> when they do not fit;</item>
    /// <item><see cref="float"/>, <see cref="Half"/> and <see cref="decimal"/> become
    /// <see cref="double"/> (a float by its shortest text, so <c>1.1f</c> is <c>1.1</c>);</item>
    /// <item><see cref="char"/> becomes a one-character string; enums their wire name for
    /// FastFlow's own enums (<c>in_progress</c>), their .NET name otherwise;</item>
    /// <item><see cref="Guid"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
    /// <see cref="DateOnly"/>, <see cref="TimeOnly"/> become ISO 8601 strings (round-trip
    /// format), <see cref="TimeSpan"/> its invariant <c>[-][d.]hh:mm:ss[.fffffff]</c> text,
    /// <see cref="Uri"/> its text and a <see cref="byte"/> array base64, as System.Text.Json
    /// writes them;</item>
    /// <item><see cref="JsonElement"/>, <see cref="JsonDocument"/> and <see cref="JsonNode"/>
    /// become what <see cref="FromJson(JsonElement)"/> makes of them;</item>
    /// <item>dictionaries with string keys (<see cref="IDictionary"/>,
    /// <see cref="IDictionary{TKey, TValue}"/>, <see cref="IReadOnlyDictionary{TKey, TValue}"/>)
    /// become maps and other enumerables (not strings) lists, their items normalized;</item>
    /// <item>anything else (POCOs, records, anonymous types, tuples, dictionaries with other keys)
    /// goes through <see cref="JsonSerializer"/> and <see cref="FromJson(JsonElement)"/>.</item>
    /// </list>
    /// Maps and lists that are plain already are returned as they are, not copied; a container is
    /// copied only when something inside it had to change.
    /// </summary>
    /// <exception cref="NotSupportedException">System.Text.Json cannot serialize the value.</exception>
    /// <exception cref="JsonException">The value contains a cycle through objects.</exception>
    /// <exception cref="InvalidOperationException">Maps or lists nest deeper than 256 levels or contain themselves.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? Normalize(object? value) =>
        IsPlainScalar(value) ? value : NormalizeSlow(value!, 0);

    private static object? NormalizeAt(object? value, int depth) =>
        IsPlainScalar(value) ? value : NormalizeSlow(value!, depth);

    private static object? NormalizeSlow(object value, int depth)
    {
        switch (value)
        {
            case Dictionary<string, object?> map when IsOrdinal(map.Comparer):
                return NormalizeMap(map, depth);
            case List<object?> list:
                return NormalizeList(list, depth);
            case int i:
                return (long)i;
            case short s:
                return (long)s;
            case byte b:
                return (long)b;
            case sbyte sb:
                return (long)sb;
            case ushort us:
                return (long)us;
            case uint ui:
                return (long)ui;
            case ulong ul:
                return ul <= long.MaxValue ? (object)(long)ul : (double)ul;
            case nint ni:
                return (long)ni;
            case nuint nu:
                return (ulong)nu <= long.MaxValue ? (object)(long)nu : (double)nu;
            case Int128 i128:
                return i128 >= long.MinValue && i128 <= long.MaxValue ? (object)(long)i128 : (double)i128;
            case UInt128 u128:
                return u128 <= long.MaxValue ? (object)(long)u128 : (double)u128;
            case BigInteger big:
                // BigInteger's own conversion to double truncates; parsing its text rounds correctly.
                return big >= long.MinValue && big <= long.MaxValue
                    ? (object)(long)big
                    : double.Parse(big.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            case float f:
                return float.IsFinite(f) ? double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : (double)f;
            case Half h:
                return (double)h;
            case decimal m:
                return (double)m;
            case char c:
                return c.ToString();
            case Enum e:
                return EnumName(e);
            case Guid g:
                return g.ToString("D");
            case DateTime dt:
                return dt.ToString("O", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("O", CultureInfo.InvariantCulture);
            case DateOnly date:
                return date.ToString("O", CultureInfo.InvariantCulture);
            case TimeOnly time:
                return time.ToString("O", CultureInfo.InvariantCulture);
            case TimeSpan span:
                return span.ToString("c", CultureInfo.InvariantCulture);
            case Uri uri:
                return uri.OriginalString;
            case byte[] bytes:
                return Convert.ToBase64String(bytes);
            case JsonElement element:
                return FromJson(element, depth);
            case JsonDocument document:
                return FromJson(document.RootElement, depth);
            case JsonObject jsonObject:
                return NormalizeJsonObject(jsonObject, depth);
            case JsonArray jsonArray:
                return NormalizeJsonArray(jsonArray, depth);
            case JsonValue jsonValue:
                return jsonValue.TryGetValue<JsonElement>(out var inner)
                    ? FromJson(inner, depth)
                    : FromJson(JsonSerializer.SerializeToElement(jsonValue, s_objectOptions), depth);
            case IDictionary dictionary when HasStringKeys(dictionary):
                return CopyDictionary(dictionary, depth);
            case IDictionary:
                // Keys that are not strings: System.Text.Json turns numbers, enums and Guids into
                // property names and refuses the rest.
                return Serialize(value, depth);
            case IEnumerable when s_genericMaps.GetOrAdd(value.GetType(), FindGenericMap) is { } copy:
                return copy(value, depth);
            case IEnumerable enumerable:
                return CopyEnumerable(enumerable, depth);
            default:
                return Serialize(value, depth);
        }
    }

    /// <summary>True for the comparers of plain maps: keys compare ordinally.</summary>
    internal static bool IsOrdinal(IEqualityComparer<string> comparer) =>
        ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal);

    private static object? Serialize(object value, int depth) =>
        FromJson(JsonSerializer.SerializeToElement(value, value.GetType(), s_objectOptions), depth);

    private static string EnumName(Enum value) => value switch
    {
        FlowTaskStatus status => status.ToWireName(),
        RunStatus status => status.ToWireName(),
        ErrorCategory category => category.ToWireName(),
        TaskPriority priority => priority.ToWireName(),
        TriggerRule rule => rule.ToWireName(),
        FailurePolicy policy => policy.ToWireName(),
        ExecutionMode mode => mode.ToWireName(),
        _ => value.ToString(),
    };

    /// <summary>The map itself when every value is plain; otherwise a copy with the values normalized.</summary>
    private static Dictionary<string, object?> NormalizeMap(Dictionary<string, object?> map, int depth)
    {
        CheckDepth(depth);
        Dictionary<string, object?>? copy = null;
        foreach (var (key, item) in map)
        {
            var normalized = NormalizeAt(item, depth + 1);
            if (copy is null && !ReferenceEquals(normalized, item))
            {
                // The first change: copy what came before it (insertion order is kept by adding in order).
                copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                foreach (var (earlierKey, earlier) in map)
                {
                    if (string.Equals(earlierKey, key, StringComparison.Ordinal))
                    {
                        break;
                    }

                    copy.Add(earlierKey, earlier);
                }
            }

            copy?.Add(key, normalized);
        }

        return copy ?? map;
    }

    /// <summary>The list itself when every item is plain; otherwise a copy with the items normalized.</summary>
    private static List<object?> NormalizeList(List<object?> list, int depth)
    {
        CheckDepth(depth);
        List<object?>? copy = null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var normalized = NormalizeAt(item, depth + 1);
            if (copy is null && !ReferenceEquals(normalized, item))
            {
                copy = new List<object?>(list.Count);
                for (var j = 0; j < i; j++)
                {
                    copy.Add(list[j]);
                }
            }

            copy?.Add(normalized);
        }

        return copy ?? list;
    }

    private static bool HasStringKeys(IDictionary dictionary)
    {
        foreach (var key in dictionary.Keys)
        {
            if (key is not string)
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, object?> CopyDictionary(IDictionary dictionary, int depth)
    {
        CheckDepth(depth);
        var map = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            var entry = entries.Entry;
            map[(string)entry.Key] = NormalizeAt(entry.Value, depth + 1);
        }

        return map;
    }

    private static List<object?> CopyEnumerable(IEnumerable enumerable, int depth)
    {
        CheckDepth(depth);
        var list = enumerable is ICollection collection ? new List<object?>(collection.Count) : [];
        foreach (var item in enumerable)
        {
            list.Add(NormalizeAt(item, depth + 1));
        }

        return list;
    }

    private static Dictionary<string, object?> NormalizeJsonObject(JsonObject jsonObject, int depth)
    {
        CheckDepth(depth);
        var map = new Dictionary<string, object?>(jsonObject.Count, StringComparer.Ordinal);
        foreach (var (key, node) in jsonObject)
        {
            map[key] = NormalizeAt(node, depth + 1);
        }

        return map;
    }

    private static List<object?> NormalizeJsonArray(JsonArray jsonArray, int depth)
    {
        CheckDepth(depth);
        var list = new List<object?>(jsonArray.Count);
        foreach (var node in jsonArray)
        {
            list.Add(NormalizeAt(node, depth + 1));
        }

        return list;
    }

    /// <summary>For a type that is a string-keyed generic dictionary but not an
    /// <see cref="IDictionary"/> (a custom <see cref="IReadOnlyDictionary{TKey, TValue}"/>, an
    /// <c>IDictionary&lt;string, T&gt;</c> wrapper), the copier closed over its value type.</summary>
    private static Func<object, int, Dictionary<string, object?>>? FindGenericMap(Type type)
    {
        foreach (var face in type.GetInterfaces())
        {
            if (!face.IsGenericType)
            {
                continue;
            }

            var definition = face.GetGenericTypeDefinition();
            if (definition != typeof(IReadOnlyDictionary<,>) && definition != typeof(IDictionary<,>))
            {
                continue;
            }

            var arguments = face.GetGenericArguments();
            if (arguments[0] != typeof(string))
            {
                continue;
            }

            var method = typeof(PlainData)
                .GetMethod(nameof(NormalizeGenericMap), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(arguments[1]);
            return method.CreateDelegate<Func<object, int, Dictionary<string, object?>>>();
        }

        return null;
    }

    private static Dictionary<string, object?> NormalizeGenericMap<TValue>(object value, int depth)
    {
        CheckDepth(depth);
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in (IEnumerable<KeyValuePair<string, TValue>>)value)
        {
            map[key] = NormalizeAt(item, depth + 1);
        }

        return map;
    }
}
