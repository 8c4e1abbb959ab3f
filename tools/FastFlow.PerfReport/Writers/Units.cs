using System.Globalization;

namespace FastFlow.PerfReport.Writers;

/// <summary>How the reports print times, bytes and ratios: invariant culture, with a unit that
/// keeps three or four significant digits, as BenchmarkDotNet's tables do.</summary>
internal static class Units
{
    /// <summary>A time in ns as <c>13.70 ns</c>, <c>23.09 μs</c>, <c>19.70 ms</c>; <c>n/a</c> when missing.</summary>
    public static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "n/a",
        < 1e3 and var ns => Format(ns, "ns"),
        < 1e6 and var ns => Format(ns / 1e3, "μs"),
        < 1e9 and var ns => Format(ns / 1e6, "ms"),
        var ns => Format(ns.Value / 1e9, "s"),
    };

    /// <summary>Bytes as <c>0 B</c>, <c>88 B</c>, <c>1.5 KB</c>, <c>2.25 MB</c> (1 KB = 1024 B); <c>n/a</c> when missing.</summary>
    public static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        < 1024 and var b => string.Create(CultureInfo.InvariantCulture, $"{b} B"),
        < 1024 * 1024 and var b => string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0:0.##} KB"),
        var b => string.Create(CultureInfo.InvariantCulture, $"{b.Value / (1024.0 * 1024):0.##} MB"),
    };

    /// <summary>A ratio as <c>0.33</c>; a dash when there is none.</summary>
    public static string Ratio(double? ratio) =>
        ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    /// <summary>A figure of the shape chart: <c>23</c>, <c>13.7</c>.</summary>
    public static string Figure(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Format(double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:0.00} {unit}");
}
