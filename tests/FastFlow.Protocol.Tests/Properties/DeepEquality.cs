using System.Collections;
using System.Reflection;

namespace FastFlow.Protocol.Tests.Properties;

/// <summary>Compares a decoded message with the one written, field by field, and says where
/// they differ (null when equal). Floats compare by their bits, times by their instant.</summary>
internal static class DeepEquality
{
    public static string? Difference(object? expected, object? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (null, _) or (_, null):
                return $"{path}: expected {Show(expected)}, got {Show(actual)}";
            case (double a, double b):
                return BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) ? null : $"{path}: expected {a:R}, got {b:R}";
            case (DateTimeOffset a, DateTimeOffset b):
                return a.UtcTicks == b.UtcTicks ? null : $"{path}: expected {a:O}, got {b:O}";
            case (string a, string b):
                return string.Equals(a, b, StringComparison.Ordinal) ? null : $"{path}: expected \"{a}\", got \"{b}\"";
            case (IDictionary a, IDictionary b):
                if (a.Count != b.Count)
                {
                    return $"{path}: expected {a.Count} keys, got {b.Count}";
                }

                foreach (DictionaryEntry entry in a)
                {
                    if (!b.Contains(entry.Key))
                    {
                        return $"{path}: key '{entry.Key}' is missing";
                    }

                    if (Difference(entry.Value, b[entry.Key], $"{path}.{entry.Key}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (IList a, IList b):
                if (a.Count != b.Count)
                {
                    return $"{path}: expected {a.Count} items, got {b.Count}";
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (Difference(a[i], b[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
        }

        var type = expected.GetType();
        if (type.IsPrimitive || type.IsEnum)
        {
            return expected.Equals(actual) ? null : $"{path}: expected {expected}, got {actual}";
        }

        if (type != actual.GetType())
        {
            return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Difference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}") is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static string Show(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";
}
