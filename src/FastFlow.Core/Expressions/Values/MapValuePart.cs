namespace FastFlow.Expressions.Values;

/// <summary>An object with at least one template inside: a new map per resolution, keys in the
/// written order. <paramref name="parts"/> follows the entries of <paramref name="source"/>; a
/// null part stands for a constant value, shared as it is in the source.</summary>
/// <param name="source">The map as written (plain data, never changed after it is compiled).</param>
/// <param name="parts">Per entry of the source in its order, the compiled value, or null.</param>
internal sealed class MapValuePart(Dictionary<string, object?> source, ValuePart?[] parts) : ValuePart
{
    public override object? Resolve(IEvaluationContext context)
    {
        var map = new Dictionary<string, object?>(parts.Length, StringComparer.Ordinal);
        var i = 0;
        foreach (var (key, value) in source)
        {
            map.Add(key, parts[i++] is { } part ? part.Resolve(context) : value);
        }

        return map;
    }
}
