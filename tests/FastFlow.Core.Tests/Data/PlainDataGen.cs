using CsCheck;

namespace FastFlow.Core.Tests.Data;

/// <summary>Random plain-data trees for property tests.</summary>
internal static class PlainDataGen
{
    public static readonly Gen<string> Key = Gen.String[0, 8];

    public static readonly Gen<object?> Scalar = Gen.Frequency(
        (1, Gen.Const((object?)null)),
        (2, Gen.Bool.Select(b => (object?)b)),
        (4, Gen.Long.Select(l => (object?)l)),
        (4, Gen.Double.Where(double.IsFinite).Select(d => (object?)d)),
        (1, Gen.Int[-1000, 1000].Select(i => (object?)(double)i)),
        (4, Gen.String.Select(s => (object?)s)));

    public static Gen<object?> Value(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, Value(depth - 1).List[0, 4].Select(items => (object?)items)),
            (1, Gen.Select(Key, Value(depth - 1)).List[0, 4].Select(pairs =>
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in pairs)
                {
                    map[key] = value;
                }

                return (object?)map;
            })));

    /// <summary>Equality that also demands the same types (2 and 2.0 differ), unlike DeepEquals.</summary>
    public static bool SameTyped(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (long x, long y) => x == y,
        (double x, double y) => x.Equals(y),
        (bool x, bool y) => x == y,
        (string x, string y) => x == y,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => SameTyped(p.First, p.Second)),
        (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
            x.Keys.SequenceEqual(y.Keys) && x.All(p => SameTyped(p.Value, y[p.Key])),
        _ => false,
    };
}
