using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastFlow.Actions.Agents;

/// <summary>YAML nodes as plain data, typed by the YAML 1.2 core schema: a plain scalar may be
/// null, a boolean, an integer or a number; a quoted one is always a string.</summary>
internal static class YamlValues
{
    /// <summary>Nesting accepted in free metadata.</summary>
    public const int MaxDepth = 64;

    /// <summary>Values free metadata may expand to. Aliases share nodes, so a small file can name
    /// billions of values (nested aliases); they are refused instead of exhausting memory.</summary>
    public const int MaxValues = 100_000;

    /// <summary>The node as plain data.</summary>
    /// <exception cref="YamlException">Deeper than <see cref="MaxDepth"/> or larger than <see cref="MaxValues"/>.</exception>
    public static object? ToPlainData(YamlNode node)
    {
        var budget = MaxValues;
        return ToPlainData(node, 0, ref budget);
    }

    private static object? ToPlainData(YamlNode node, int depth, ref int budget)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(node.Start, node.End, $"nesting deeper than {MaxDepth} levels");
        }

        if (--budget < 0)
        {
            throw new YamlException(node.Start, node.End, $"more than {MaxValues} values (aliases expand it)");
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                var list = new List<object?>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    list.Add(ToPlainData(child, depth + 1, ref budget));
                }

                return list;
            case YamlMappingNode mapping:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children)
                {
                    map[(key as YamlScalarNode)?.Value ?? key.ToString()] = ToPlainData(value, depth + 1, ref budget);
                }

                return map;
            default:
                return null;
        }
    }

    /// <summary>A scalar's typed value.</summary>
    public static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
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
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.AsSpan().IndexOfAny("0123456789") >= 0
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return text;
    }

    /// <summary>The node's 1-based position.</summary>
    public static (int Line, int Column) Position(YamlNode node) =>
        ((int)Math.Max(1, node.Start.Line), (int)Math.Max(1, node.Start.Column));
}
