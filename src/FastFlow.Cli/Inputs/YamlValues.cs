using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastFlow.Cli.Inputs;

/// <summary>YAML nodes to plain data, plain scalars typed by the YAML 1.2 core schema as the
/// definition loader types them: null, booleans, integers (decimal, 0x, 0o), floats (.inf, .nan)
/// and text; quoted scalars are always text.</summary>
internal static class YamlValues
{
    public static object? ToPlainData(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlainData).ToList(),
        YamlMappingNode mapping => ToMap(mapping),
        _ => null,
    };

    private static Dictionary<string, object?> ToMap(YamlMappingNode mapping)
    {
        var map = new Dictionary<string, object?>(mapping.Children.Count, StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            map[(key as YamlScalarNode)?.Value ?? key.ToString()] = ToPlainData(value);
        }

        return map;
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any || (scalar.Tag.IsGlobal && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return text;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
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

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && TryOctal(text.AsSpan(2), out var octal))
        {
            return octal;
        }

        if (IsNumber(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? whole
                : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary><c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, the core schema's numbers.</summary>
    private static bool IsNumber(string text)
    {
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
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

            var exponent = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool TryOctal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '7' || value > long.MaxValue / 8)
            {
                return false;
            }

            value = (value * 8) + (c - '0');
        }

        return true;
    }
}
