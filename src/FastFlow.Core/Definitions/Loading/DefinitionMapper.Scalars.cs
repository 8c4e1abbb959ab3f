using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

internal sealed partial class DefinitionMapper
{
    private static readonly string[] s_inputTypes = ["any", "string", "integer", "number", "boolean", "object", "array"];

    /// <summary>A string field. Quoted text is taken as is; a plain YAML scalar is taken as
    /// written even when it looks like a number (the field is typed); a JSON number or boolean is
    /// a type error. Null (or absent) gives null without a diagnostic when <paramref name="nullable"/>.</summary>
    private string? String(DocNode node, string path, string label, bool nullable = true)
    {
        if (node is DocScalar scalar)
        {
            if (scalar.IsQuoted)
            {
                return scalar.Text;
            }

            switch (scalar.Value)
            {
                case null when nullable:
                    return null;
                case string text:
                    return text;
                case not null when _session.Format == DefinitionFormat.Yaml:
                    return scalar.Text;
            }
        }

        WrongType(path, node, label, "a string");
        return null;
    }

    private string? String(FieldSet fields, string name) =>
        fields.TryGet(name, out var node, out var path) ? String(node, path, name) : null;

    /// <summary>A number field (integer or not); quoted numbers are strings, so type errors.</summary>
    private double? Number(FieldSet fields, string name)
    {
        if (!fields.TryGet(name, out var node, out var path))
        {
            return null;
        }

        switch ((node as DocScalar) is { IsQuoted: false } scalar ? scalar.Value : node)
        {
            case null:
                return null;
            case long integer:
                return integer;
            case double number:
                return number;
            default:
                WrongType(path, node, name, "a number");
                return null;
        }
    }

    /// <summary>A whole-number field: an integer, or a number with no fraction, within 32 bits.</summary>
    private int? Integer(FieldSet fields, string name)
    {
        if (!fields.TryGet(name, out var node, out var path))
        {
            return null;
        }

        switch ((node as DocScalar) is { IsQuoted: false } scalar ? scalar.Value : node)
        {
            case null:
                return null;
            case long integer when integer is >= int.MinValue and <= int.MaxValue:
                return (int)integer;
            case double number when number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue:
                return (int)number;
            default:
                WrongType(path, node, name, "an integer");
                return null;
        }
    }

    /// <summary>A true/false field.</summary>
    private bool? Boolean(FieldSet fields, string name)
    {
        if (!fields.TryGet(name, out var node, out var path))
        {
            return null;
        }

        switch ((node as DocScalar) is { IsQuoted: false } scalar ? scalar.Value : node)
        {
            case null:
                return null;
            case bool value:
                return value;
            default:
                WrongType(path, node, name, "a boolean (true or false)");
                return null;
        }
    }

    /// <summary>An enum field by its wire name (case-insensitive).</summary>
    private TEnum? Enum<TEnum>(FieldSet fields, string name) where TEnum : struct, Enum =>
        fields.TryGet(name, out var node, out var path) ? Enum<TEnum>(node, path, name) : null;

    private TEnum? Enum<TEnum>(DocNode node, string path, string label) where TEnum : struct, Enum
    {
        if (String(node, path, label) is not { } text)
        {
            return null;
        }

        if (WireNames.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        var names = WireNames.NamesOf<TEnum>();
        var shown = typeof(TEnum) == typeof(TaskPriority) ? "low, normal (alias medium), high, critical" : string.Join(", ", names);
        InvalidValue(path, node, label, text, names, shown);
        return null;
    }

    /// <summary>An input's <c>type</c>.</summary>
    private InputType? InputTypeOf(FieldSet fields)
    {
        if (!fields.TryGet("type", out var node, out var path) || String(node, path, "type") is not { } text)
        {
            return null;
        }

        for (var i = 0; i < s_inputTypes.Length; i++)
        {
            if (string.Equals(s_inputTypes[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return (InputType)i;
            }
        }

        InvalidValue(path, node, "type", text, s_inputTypes, string.Join(", ", s_inputTypes));
        return null;
    }

    /// <summary>A list of strings; a single string is accepted as a one-item list when
    /// <paramref name="allowSingle"/>. Each item keeps its position in the list as written, and
    /// each item's path is recorded (<c>dependencies[1]</c>).</summary>
    private List<(string Value, int Ordinal)>? Strings(FieldSet fields, string name, bool allowSingle)
    {
        if (!fields.TryGet(name, out var node, out var path))
        {
            return null;
        }

        switch (node)
        {
            case DocScalar { IsNull: true }:
                return null;
            case DocScalar scalar when allowSingle:
                _session.Mark(DefinitionPath.Item(path, 0), scalar.Position);
                if (scalar.IsQuoted || scalar.Value is string || _session.Format == DefinitionFormat.Yaml)
                {
                    return [(scalar.Text, 0)];
                }

                WrongType(path, node, name, "a list of strings (or one string)");
                return null;
            case DocSequence sequence:
                var items = new List<(string, int)>(sequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var item = sequence.Items[i];
                    var itemPath = DefinitionPath.Item(path, i);
                    _session.Mark(itemPath, item.Position);
                    if (String(item, itemPath, $"{name}[{i}]", nullable: false) is { } text)
                    {
                        items.Add((text, i));
                    }
                }

                return items;
            default:
                WrongType(path, node, name, allowSingle ? "a list of strings (or one string)" : "a list of strings");
                return null;
        }
    }

    /// <summary>The node as a mapping; null (without a diagnostic) for null, else a type error.</summary>
    private DocMapping? Mapping(DocNode node, string path, string label, string expected)
    {
        switch (node)
        {
            case DocMapping mapping:
                return mapping;
            case DocScalar { IsNull: true }:
                return null;
            default:
                WrongType(path, node, label, expected);
                return null;
        }
    }

    private void WrongType(string path, DocNode node, string label, string expected)
    {
        var hint = node is DocScalar { IsQuoted: true } quoted && YamlCoreSchema.Resolve(quoted.Text) is not string
            ? "remove the quotes: quoted values are strings"
            : $"write {expected} here";
        _session.Error(DiagnosticCodes.WrongType, path, node.Position, $"{label} must be {expected}, got {node.Describe()}", hint);
    }

    private void InvalidValue(string path, DocNode node, string label, string text, IReadOnlyList<string> names, string shown)
    {
        var closest = NameSuggester.Closest(text, names);
        _session.Error(DiagnosticCodes.InvalidValue, path, node.Position,
            $"'{text}' is not a valid {label}",
            (closest is not null ? $"did you mean '{closest}'? " : string.Empty) + "allowed values: " + shown);
    }
}
