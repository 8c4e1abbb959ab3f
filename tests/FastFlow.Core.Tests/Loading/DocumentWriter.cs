using System.Globalization;
using System.Text;
using System.Text.Json;
using FastFlow.Definitions.Loading;

namespace FastFlow.Core.Tests.Loading;

/// <summary>Writes a document tree (ordered <see cref="Map"/>s, <see cref="List{T}"/>s of values,
/// and null, bool, long, double and string scalars) as JSON or as block YAML, so that one random
/// definition can be loaded from both formats.</summary>
internal static class DocumentWriter
{
    public static string Json(object? value)
    {
        var text = new StringBuilder();
        WriteFlow(text, value, yaml: false);
        return text.ToString();
    }

    public static string Yaml(Map root)
    {
        var text = new StringBuilder("# generated\n");
        WriteBlockMap(text, root, 0, inlineFirst: false);
        return text.ToString();
    }

    /// <summary>A double that reads back as a double (never as an integer) in both formats.</summary>
    public static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static void WriteBlockMap(StringBuilder text, Map map, int indent, bool inlineFirst)
    {
        for (var i = 0; i < map.Count; i++)
        {
            if (i > 0 || !inlineFirst)
            {
                text.Append(' ', indent);
            }

            text.Append(YamlScalar(map[i].Key)).Append(':');
            WriteBlockChild(text, map[i].Value, indent);
        }
    }

    /// <summary>What follows <c>key:</c> or <c>-</c>.</summary>
    private static void WriteBlockChild(StringBuilder text, object? value, int indent)
    {
        switch (value)
        {
            // Some mappings in flow style, to cover both styles.
            case Map { Count: > 0 } map when map.Count % 3 != 0:
                text.Append('\n');
                WriteBlockMap(text, map, indent + 2, inlineFirst: false);
                break;
            case List<object?> { Count: > 0 } list:
                text.Append('\n');
                foreach (var item in list)
                {
                    text.Append(' ', indent + 2).Append('-');
                    if (item is Map { Count: > 0 } itemMap && itemMap.Count % 3 != 0)
                    {
                        text.Append(' ');
                        WriteBlockMap(text, itemMap, indent + 4, inlineFirst: true);
                    }
                    else
                    {
                        WriteBlockChild(text, item, indent + 2);
                    }
                }

                break;
            default:
                text.Append(' ');
                WriteFlow(text, value, yaml: true);
                text.Append('\n');
                break;
        }
    }

    private static void WriteFlow(StringBuilder text, object? value, bool yaml)
    {
        switch (value)
        {
            case Map map:
                text.Append('{');
                for (var i = 0; i < map.Count; i++)
                {
                    text.Append(i == 0 ? " " : ", ").Append(yaml ? YamlScalar(map[i].Key) : Quote(map[i].Key)).Append(": ");
                    WriteFlow(text, map[i].Value, yaml);
                }

                text.Append(map.Count == 0 ? "}" : " }");
                break;
            case List<object?> list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    WriteFlow(text, list[i], yaml);
                }

                text.Append(']');
                break;
            default:
                text.Append(yaml ? YamlScalar(value) : JsonScalar(value));
                break;
        }
    }

    private static string JsonScalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Number(d),
        string s => Quote(s),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    /// <summary>Strings plain when the core schema reads them back as the same string, quoted otherwise.</summary>
    private static string YamlScalar(object? value) => value switch
    {
        string s when IsSafePlain(s) => s,
        null => s_nulls[Interlocked.Increment(ref s_nullTurn) % s_nulls.Length],
        _ => JsonScalar(value),
    };

    private static readonly string[] s_nulls = ["null", "~", "Null"];
    private static int s_nullTurn;

    private static bool IsSafePlain(string s) =>
        s.Length > 0
        && (char.IsAsciiLetter(s[0]) || s[0] == '_')
        && s[^1] != ' '
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ' ' or '.' or '-')
        && !s.Contains("  ", StringComparison.Ordinal)
        && YamlCoreSchema.Resolve(s) is string;

    /// <summary>A JSON string literal; also a valid YAML double-quoted scalar.</summary>
    private static string Quote(string s) => JsonSerializer.Serialize(s);
}
