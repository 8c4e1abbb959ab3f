using System.Globalization;

namespace FastFlow.Cli.Output;

/// <summary>Durations and clock times as people read them.</summary>
internal static class Durations
{
    /// <summary><c>850 µs</c>, <c>12 ms</c>, <c>1.52 s</c>, <c>2 min 03 s</c>, <c>1 h 02 min</c>.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalMilliseconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0} µs"),
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.00} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes:00} min"),
    };

    /// <summary>Local wall-clock time with milliseconds: <c>12:00:01.123</c>.</summary>
    public static string Clock(DateTimeOffset time) =>
        time.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>Local date and time, for tables of stored runs: <c>2025-01-31 12:00:01</c>, or with
    /// milliseconds <c>2025-01-31 12:00:01.123</c>.</summary>
    public static string LocalDateTime(DateTimeOffset time, bool milliseconds = false) =>
        time.ToLocalTime().ToString(milliseconds ? "yyyy-MM-dd HH:mm:ss.fff" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC with milliseconds: <c>2025-01-31T12:00:01.123Z</c>.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
