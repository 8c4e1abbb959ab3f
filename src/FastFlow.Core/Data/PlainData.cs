using System.Runtime.CompilerServices;

namespace FastFlow.Data;

/// <summary>
/// The one data model of FastFlow: inputs, context, task outputs and parameters are "plain data",
/// made only of <c>null</c>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="Dictionary{TKey, TValue}"/> of <see cref="string"/> to
/// <see cref="object"/> (ordinal keys, insertion order kept) and <see cref="List{T}"/> of
/// <see cref="object"/>. This class converts to and from JSON, turns whatever a .NET handler
/// returns into plain data (<see cref="Normalize"/>), and defines the type names, truthiness and
/// equality that expressions use.
/// </summary>
/// <remarks>
/// Methods that take a value accept non-plain values too and treat them as their normalized form;
/// that path allocates, the plain path does not.
/// </remarks>
public static partial class PlainData
{
    /// <summary>How deep maps and lists may nest; deeper values (or cyclic ones) are refused
    /// instead of overflowing the stack.</summary>
    internal const int MaxDepth = 256;

    /// <summary>
    /// The type of a value as expressions and error messages name it: <c>"null"</c>,
    /// <c>"boolean"</c>, <c>"integer"</c> (<see cref="long"/>), <c>"number"</c>
    /// (<see cref="double"/>, even when whole), <c>"string"</c>, <c>"object"</c> (a map) or
    /// <c>"array"</c> (a list).
    /// </summary>
    public static string TypeName(object? value) => value switch
    {
        null => "null",
        bool => "boolean",
        long => "integer",
        double => "number",
        string => "string",
        Dictionary<string, object?> => "object",
        List<object?> => "array",
        _ => TypeName(Normalize(value)),
    };

    /// <summary>
    /// Whether a value counts as true in a condition. False are: <c>null</c>, <c>false</c>, the
    /// numbers <c>0</c>, <c>0.0</c>, <c>-0.0</c> and <c>NaN</c>, the empty string, the empty list and
    /// the empty map. Everything else is true, including the strings <c>"false"</c> and <c>"0"</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length != 0,
        Dictionary<string, object?> map => map.Count != 0,
        List<object?> list => list.Count != 0,
        _ => IsTruthySlow(value),
    };

    /// <summary>
    /// Structural equality of two values: numbers compare by value across <see cref="long"/> and
    /// <see cref="double"/> (<c>2 == 2.0</c>; exact, never through a lossy conversion, and
    /// <c>NaN</c> equals <c>NaN</c> so that every value equals itself); strings compare ordinally;
    /// lists element by element; maps by their key sets and the value of each key, in any order.
    /// Values of different types are never equal (<c>1 != "1"</c>, <c>null</c> only equals
    /// <c>null</c>).
    /// </summary>
    public static bool DeepEquals(object? a, object? b) => DeepEqualsAt(a, b, 0);

    /// <summary>True for the scalars that need no conversion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPlainScalar(object? value) =>
        value is null or bool or long or double or string;

    /// <summary>Exact equality of an integer and a double.</summary>
    internal static bool NumberEquals(long l, double d)
    {
        // 2^63 is exactly representable; every double in [-2^63, 2^63) converts to long without
        // overflow, and the round trip tells whether it was whole.
        if (d >= -9.2233720368547758E18 && d < 9.2233720368547758E18)
        {
            var whole = (long)d;
            return whole == l && whole == d;
        }

        return false;
    }

    /// <summary>Equality of two doubles where NaN equals NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool NumberEquals(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsTruthySlow(object value) => IsTruthy(Normalize(value));

    private static bool DeepEqualsAt(object? a, object? b, int depth)
    {
        if (ReferenceEquals(a, b))
        {
            // Also true for a NaN boxed once; structural equality needs reflexivity anyway.
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (!IsPlain(a) || !IsPlain(b))
        {
            // Rare: a handler's int, POCO or array inside otherwise plain data.
            return DeepEqualsAt(Normalize(a), Normalize(b), depth);
        }

        return a switch
        {
            long la => b switch
            {
                long lb => la == lb,
                double db => NumberEquals(la, db),
                _ => false,
            },
            double da => b switch
            {
                double db => NumberEquals(da, db),
                long lb => NumberEquals(lb, da),
                _ => false,
            },
            bool ba => b is bool bb && ba == bb,
            string sa => b is string sb && string.Equals(sa, sb, StringComparison.Ordinal),
            List<object?> listA => b is List<object?> listB && ListEquals(listA, listB, depth),
            _ => b is Dictionary<string, object?> mapB && MapEquals((Dictionary<string, object?>)a, mapB, depth),
        };
    }

    private static bool IsPlain(object value) =>
        value is bool or long or double or string or List<object?> or Dictionary<string, object?>;

    private static bool ListEquals(List<object?> a, List<object?> b, int depth)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        CheckDepth(depth);
        for (var i = 0; i < a.Count; i++)
        {
            if (!DeepEqualsAt(a[i], b[i], depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MapEquals(Dictionary<string, object?> a, Dictionary<string, object?> b, int depth)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        CheckDepth(depth);
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !DeepEqualsAt(value, other, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when <paramref name="depth"/> reaches <see cref="MaxDepth"/>: the value is too deep or contains itself.</summary>
    internal static void CheckDepth(int depth)
    {
        if (depth >= MaxDepth)
        {
            ThrowTooDeep();
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowTooDeep() =>
        throw new InvalidOperationException($"The value nests deeper than {MaxDepth} levels, or contains itself.");
}
