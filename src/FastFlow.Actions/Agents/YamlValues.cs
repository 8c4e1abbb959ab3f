using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastFlow.Actions.Agents;

/// <summary>YAML nodes as plain data, typed by the YAML 1.2 core schema: a plain scalar may be
/// null, a boolean, an integer or a number; a quoted one is always a string.</summary>
internal static class YamlValues
{
    /// <summary>Nesting accepted in free metadata.</summary>
    private const int MaxDepth = 64;

    public static object? ToPlainData(YamlNode node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(node.Start, node.End, $"nesting deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                return sequence.Children.Select(child => ToPlainData(child, depth + 1)).ToList();
            case YamlMappingNode mapping:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children)
                {
                    map[(key as YamlScalarNode)?.Value ?? key.ToString()] = ToPlainData(value, depth + 1);
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
