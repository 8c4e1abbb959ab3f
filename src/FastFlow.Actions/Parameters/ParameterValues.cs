using System.Collections;
using System.Globalization;

namespace FastFlow.Actions.Parameters;

/// <summary>The shapes action parameters may take, checked the same way when a definition is
/// validated (constants) and when an attempt runs (resolved values).</summary>
internal static class ParameterValues
{
    /// <summary>True when a value holds a <c>${{ }}</c> template anywhere: its type is known only at run time.</summary>
    public static bool IsTemplated(object? value) => value switch
    {
        string text => text.Contains("${{", StringComparison.Ordinal),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(IsTemplated),
        IEnumerable list => list.Cast<object?>().Any(IsTemplated),
        _ => false,
    };

    /// <summary>A string, number or boolean as the text a program or a header receives
    /// (numbers in invariant culture, booleans as <c>true</c>/<c>false</c>).</summary>
    public static bool TryScalarText(object? value, out string text)
    {
        switch (value)
        {
            case string s:
                text = s;
                return true;
            case bool b:
                text = b ? "true" : "false";
                return true;
            case long or int or short or byte or uint or ulong:
                text = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                return true;
            case double d:
                text = d.ToString("R", CultureInfo.InvariantCulture);
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }

    /// <summary>A list of strings, numbers or booleans, as text.</summary>
    public static bool TryTextList(object? value, out List<string> items)
    {
        items = [];
        if (value is string or IReadOnlyDictionary<string, object?> || value is not IEnumerable list)
        {
            return false;
        }

        foreach (var item in list)
        {
            if (!TryScalarText(item, out var text))
            {
                return false;
            }

            items.Add(text);
        }

        return true;
    }

    /// <summary>A map of names to strings, numbers, booleans or null, as text (null stays null).</summary>
    public static bool TryTextMap(object? value, out Dictionary<string, string?> map)
    {
        map = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (value is not IReadOnlyDictionary<string, object?> source)
        {
            return false;
        }

        foreach (var (key, item) in source)
        {
            if (item is null)
            {
                map[key] = null;
            }
            else if (TryScalarText(item, out var text))
            {
                map[key] = text;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A whole number that fits in an <see cref="int"/> (written as an integer or a whole double).</summary>
    public static bool TryInt(object? value, out int number)
    {
        switch (value)
        {
            case long l when l is >= int.MinValue and <= int.MaxValue:
                number = (int)l;
                return true;
            case int i:
                number = i;
                return true;
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                number = (int)d;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>One integer or a list of integers.</summary>
    public static bool TryIntList(object? value, out List<int> numbers)
    {
        numbers = [];
        if (TryInt(value, out var single))
        {
            numbers.Add(single);
            return true;
        }

        if (value is string or IReadOnlyDictionary<string, object?> || value is not IEnumerable list)
        {
            return false;
        }

        foreach (var item in list)
        {
            if (!TryInt(item, out var number))
            {
                return false;
            }

            numbers.Add(number);
        }

        return true;
    }

    /// <summary>A number (integer or not).</summary>
    public static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case long l:
                number = l;
                return true;
            case int i:
                number = i;
                return true;
            case double d:
                number = d;
                return true;
            default:
                number = 0;
                return false;
        }
    }
}
