using System.Globalization;

namespace FastFlow.Definitions.Loading;

/// <summary>Types plain scalars by the YAML 1.2 core schema: null (<c>null</c>, <c>~</c>, empty),
/// booleans (<c>true</c>/<c>false</c> in three casings), integers (decimal, <c>0o</c> octal,
/// <c>0x</c> hex) and floats (including <c>.inf</c> and <c>.nan</c>); anything else is a string.
/// JSON literals are a subset, so JSON values type the same way.</summary>
internal static class YamlCoreSchema
{
    /// <summary>True when the plain scalar is null.</summary>
    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The value of a plain scalar: null, bool, long, double or the text itself.
    /// Integers beyond the range of a long become doubles.</summary>
    public static object? Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsNull(text))
        {
            return null;
        }

        switch (text)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        var first = text[0];
        if (!char.IsAsciiDigit(first) && first is not ('-' or '+' or '.'))
        {
            return text;
        }

        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o'))
        {
            return ResolveRadix(text);
        }

        if (IsDecimalInteger(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? (object)integer
                : double.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        return IsFloat(text)
            ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary><c>0x1F</c> and <c>0o17</c>; text that only starts like them stays a string.</summary>
    private static object ResolveRadix(string text)
    {
        var digits = text.AsSpan(2);
        var radix = text[1] == 'x' ? 16 : 8;
        ulong value = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : radix == 16 && char.IsAsciiHexDigit(c) ? (char.ToLowerInvariant(c) - 'a' + 10) : -1;
            if (digit < 0 || digit >= radix)
            {
                return text;
            }

            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return text;
            }

            value = (value * (ulong)radix) + (ulong)digit;
        }

        return value <= long.MaxValue ? (object)(long)value : (double)value;
    }

    /// <summary><c>[-+]?[0-9]+</c>.</summary>
    private static bool IsDecimalInteger(string text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>.</summary>
    private static bool IsFloat(string text)
    {
        var i = text[0] is '-' or '+' ? 1 : 0;
        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
            if (integerDigits == 0 && fractionDigits == 0)
            {
                return false;
            }
        }
        else if (integerDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
