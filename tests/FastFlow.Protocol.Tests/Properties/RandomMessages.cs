using System.Reflection;
using FastFlow.Protocol.Messages;

namespace FastFlow.Protocol.Tests.Properties;

/// <summary>Builds a message of any type with random fields from a seed, by reflection over the
/// generated classes, so a type added to tools/protocol-codegen.py is covered without a change
/// here. CsCheck drives the seeds (and reports the failing one).</summary>
internal static class RandomMessages
{
    /// <summary>Characters strings are made of: ASCII, two- to four-byte UTF-8, control characters.</summary>
    private static readonly string[] s_pieces = ["a", "Z", "0", "_", " ", "-", "é", "ß", "✓", "語", "𝄞", "\n", "\0", "\"", "\\"];

    private static readonly NullabilityInfoContext s_nullability = new();

    /// <summary>Every message class, one per message type.</summary>
    public static IReadOnlyList<Type> MessageClasses { get; } = typeof(Message).Assembly.GetExportedTypes()
        .Where(type => type.IsSubclassOf(typeof(Message)) && !type.IsAbstract)
        .OrderBy(type => type.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>A message of a random type.</summary>
    public static Message Any(Random random) => Of(MessageClasses[random.Next(MessageClasses.Count)], random, plainDepth: 4);

    /// <summary>A message of <paramref name="type"/> with random fields; plain values nest at most
    /// <paramref name="plainDepth"/> containers.</summary>
    public static Message Of(Type type, Random random, int plainDepth) => (Message)Record(type, random, plainDepth);

    private static object Record(Type type, Random random, int plainDepth)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite))
        {
            var nullable = s_nullability.Create(property).WriteState == NullabilityState.Nullable;
            property.SetValue(instance, Value(property.PropertyType, nullable, random, plainDepth));
        }

        return instance;
    }

    private static object? Value(Type type, bool nullable, Random random, int plainDepth)
    {
        if (nullable && random.Next(4) == 0)
        {
            return null;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return Text(random);
        }

        if (underlying == typeof(int))
        {
            return random.Next(3) == 0 ? random.Next(-3, 200) : (int)random.NextInt64(int.MinValue, (long)int.MaxValue + 1);
        }

        if (underlying == typeof(long))
        {
            return Long(random);
        }

        if (underlying == typeof(bool))
        {
            return random.Next(2) == 0;
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(-62_135_596_800_000, 253_402_300_799_999 + 1));
        }

        if (underlying == typeof(IReadOnlyDictionary<string, object?>))
        {
            return PlainMap(random, plainDepth);
        }

        if (underlying == typeof(object))
        {
            return Plain(random, plainDepth);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = underlying.GetGenericArguments()[0];
            var list = Array.CreateInstance(item, random.Next(4));
            for (var i = 0; i < list.Length; i++)
            {
                list.SetValue(Record(item, random, Math.Max(0, plainDepth - 2)), i);
            }

            return list;
        }

        if (underlying.IsClass)
        {
            return Record(underlying, random, Math.Max(0, plainDepth - 1));
        }

        throw new NotSupportedException($"No generator for {type}; add one when the table gains a field type.");
    }

    /// <summary>A plain value nesting at most <paramref name="depth"/> containers.</summary>
    public static object? Plain(Random random, int depth)
    {
        switch (random.Next(depth > 0 ? 8 : 6))
        {
            case 0:
                return null;
            case 1:
                return random.Next(2) == 0;
            case 2:
                return Long(random);
            case 3:
                return Double(random);
            case 4:
            case 5:
                return Text(random);
            case 6:
            {
                var list = new List<object?>();
                for (var i = random.Next(4); i > 0; i--)
                {
                    list.Add(Plain(random, depth - 1));
                }

                return list;
            }

            default:
                return PlainMap(random, depth - 1);
        }
    }

    /// <summary>A map of plain values nesting at most <paramref name="depth"/> more containers.</summary>
    public static Dictionary<string, object?> PlainMap(Random random, int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = random.Next(4); i > 0; i--)
        {
            map.TryAdd(Text(random), Plain(random, depth));
        }

        return map;
    }

    private static long Long(Random random) => random.Next(4) switch
    {
        0 => random.Next(-40, 300),
        1 => random.Next(2) == 0 ? long.MinValue : long.MaxValue,
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private static double Double(Random random) => random.Next(6) switch
    {
        0 => double.NaN,
        1 => double.NegativeInfinity,
        2 => -0.0,
        3 => BitConverter.Int64BitsToDouble(random.NextInt64()),
        _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 10)),
    };

    private static string Text(Random random)
    {
        var length = random.Next(5) == 0 ? random.Next(40, 300) : random.Next(12);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(s_pieces[random.Next(s_pieces.Length)]);
        }

        return text.ToString();
    }
}
