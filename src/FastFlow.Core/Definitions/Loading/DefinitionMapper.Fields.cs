using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

internal sealed partial class DefinitionMapper
{
    /// <summary>The known fields of an object; unknown ones are reported with the closest known
    /// name. Every field's path is recorded.</summary>
    private FieldSet Fields(DocMapping mapping, string path, string[] known, string owner)
    {
        var fields = new FieldSet(path, _session.TryGetPosition(path, out var at) ? at : mapping.Position);
        foreach (var (name, entry) in Entries(mapping, path, "field"))
        {
            var fieldPath = DefinitionPath.Field(path, name);
            _session.Mark(fieldPath, PositionOf(entry));
            if (Array.IndexOf(known, name) >= 0)
            {
                fields.Add(name, entry);
                continue;
            }

            var closest = NameSuggester.Closest(name, known);
            _session.Error(DiagnosticCodes.UnknownField, fieldPath, entry.Key.Position,
                $"unknown field '{name}' in {owner}",
                closest is not null ? $"did you mean '{closest}'?" : "allowed fields: " + string.Join(", ", known));
        }

        return fields;
    }

    /// <summary>The entries of a mapping with string keys, each key once. A key that is not a
    /// scalar, or repeats an earlier key, is reported and skipped (the first one counts).</summary>
    private List<(string Name, DocEntry Entry)> Entries(DocMapping mapping, string path, string noun)
    {
        var entries = new List<(string, DocEntry)>(mapping.Entries.Count);
        Dictionary<string, SourcePosition>? seen = null;
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not DocScalar key)
            {
                _session.Error(DiagnosticCodes.WrongType, path, entry.Key.Position,
                    $"a key must be a string, got {entry.Key.Describe()}", "write the key as plain text");
                continue;
            }

            seen ??= new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
            if (!seen.TryAdd(key.Text, key.Position))
            {
                _session.Error(DiagnosticCodes.DuplicateId, DefinitionPath.Field(path, key.Text), key.Position,
                    $"duplicate {noun} '{key.Text}'", $"the first is at {seen[key.Text]}; remove or rename one");
                continue;
            }

            entries.Add((key.Text, entry));
        }

        return entries;
    }

    /// <summary>Where a field is reported: at its value when that is a scalar written out (an
    /// expression, a number), else at its key (a task, a block).</summary>
    private static SourcePosition PositionOf(DocEntry entry) =>
        entry.Value is DocScalar scalar && !(scalar.Style == DocScalarStyle.Plain && scalar.Text.Length == 0)
            ? scalar.Position
            : entry.Key.Position;
}
