using System.Globalization;
using System.Text;
using CsCheck;

namespace FastFlow.Storage.Tests.Runs;

/// <summary>Random plain values and a comparison that tells every difference, doubles bit for bit.</summary>
public static class PlainData
{
    private static readonly Gen<string> s_text =
        Gen.Char["abcxyz XYZ019_-.:/\"\\\n\té€中ß\u0000"].Array[0, 12].Select(static chars => new string(chars));

    private static readonly Gen<double> s_double = Gen.Frequency(
        (3, Gen.Double),
        (1, Gen.OneOf(0.1, -0.0, 0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001),
            double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue, 1e300)));

    private static readonly Gen<long> s_long = Gen.Frequency(
        (3, Gen.Long),
        (1, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L, 127L, 128L, -32L, -33L, 255L, 65536L, uint.MaxValue + 1L)));

    private static readonly Gen<object?> s_scalar = Gen.OneOf(
        Gen.Const((object?)null),
        Gen.Bool.Select(static b => (object?)b),
        s_long.Select(static l => (object?)l),
        s_double.Select(static d => (object?)d),
        s_text.Select(static t => (object?)t));

    /// <summary>Plain values: scalars, and lists and maps of them up to 5 deep.</summary>
    public static readonly Gen<object?> Value = Gen.Recursive<object?>((depth, self) =>
        depth >= 5
            ? s_scalar
            : Gen.Frequency(
                (5, s_scalar),
                (1, self.List[0, 5].Select(static list => (object?)list)),
                (1, MapOf(self).Select(static map => (object?)map))));

    /// <summary>Maps of plain values.</summary>
    public static readonly Gen<Dictionary<string, object?>> Map = MapOf(Value);

    private static Gen<Dictionary<string, object?>> MapOf(Gen<object?> values) =>
        Gen.Select(s_text, values).List[0, 5].Select(static pairs =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var (key, value) in pairs)
            {
                map[key] = value;
            }

            return map;
        });

    /// <summary>Whether two plain values are the same: same types, doubles with the same bits.</summary>
    public static bool AreEqual(object? a, object? b) => Difference(a, b, "value") is null;

    /// <summary>Where two plain values differ, or <c>null</c>.</summary>
    public static string? Difference(object? a, object? b, string path)
    {
        switch (a)
        {
            case null:
                return b is null ? null : $"{path}: null vs {Show(b)}";
            case double x when b is double y:
                return BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) ? null : $"{path}: {Show(a)} vs {Show(b)}";
            case Dictionary<string, object?> x when b is Dictionary<string, object?> y:
                if (x.Count != y.Count)
                {
                    return $"{path}: {x.Count} keys vs {y.Count}";
                }

                foreach (var (key, value) in x)
                {
                    if (!y.TryGetValue(key, out var other))
                    {
                        return $"{path}: key '{key}' missing";
                    }

                    if (Difference(value, other, path + "['" + key + "']") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case List<object?> x when b is List<object?> y:
                if (x.Count != y.Count)
                {
                    return $"{path}: {x.Count} items vs {y.Count}";
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (Difference(x[i], y[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                return b is not null && a.GetType() == b.GetType() && a.Equals(b) ? null : $"{path}: {Show(a)} vs {Show(b)}";
        }
    }

    /// <summary>A value with its type, for failure messages.</summary>
    public static string Show(object? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture) + " (0x" + BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture) + ")",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return new StringBuilder(value.GetType().Name).Append(' ').Append(text).ToString();
    }
}
