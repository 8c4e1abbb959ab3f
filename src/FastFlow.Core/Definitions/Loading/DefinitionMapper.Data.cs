namespace FastFlow.Definitions.Loading;

internal sealed partial class DefinitionMapper
{
    /// <summary>Plain data (parameters, coordination, input defaults): null, bool, long, double,
    /// string, <see cref="Dictionary{TKey, TValue}"/> of string to value and <see cref="List{T}"/>
    /// of values. Every nested key and item gets its path recorded.</summary>
    private object? Data(DocNode node, string path) => node switch
    {
        DocScalar scalar => scalar.Value,
        DocMapping mapping => DataMap(mapping, path),
        DocSequence sequence => DataList(sequence, path),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown document node."),
    };

    /// <summary>A field holding a map of plain data (<c>parameters</c>, <c>coordination</c>).</summary>
    private Dictionary<string, object?>? DataMap(FieldSet fields, string name) =>
        fields.TryGet(name, out var node, out var path) && Mapping(node, path, name, "a mapping") is { } mapping
            ? DataMap(mapping, path)
            : null;

    private Dictionary<string, object?> DataMap(DocMapping mapping, string path)
    {
        var map = new Dictionary<string, object?>(mapping.Entries.Count, StringComparer.Ordinal);
        foreach (var (name, entry) in Entries(mapping, path, "key"))
        {
            var keyPath = DefinitionPath.Field(path, name);
            _session.Mark(keyPath, PositionOf(entry));
            map.Add(name, Data(entry.Value, keyPath));
        }

        return map;
    }

    private List<object?> DataList(DocSequence sequence, string path)
    {
        var list = new List<object?>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = DefinitionPath.Item(path, i);
            var item = sequence.Items[i];
            _session.Mark(itemPath, item.Position);
            list.Add(Data(item, itemPath));
        }

        return list;
    }
}
