namespace FastFlow.Expressions.Values;

/// <summary>An object with at least one template inside: a new map per resolution, keys in the
/// written order, constant values shared.</summary>
internal sealed class MapValuePart(string[] keys, ValuePart[] values) : ValuePart
{
    public override object? Resolve(IEvaluationContext context)
    {
        var map = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            map.Add(keys[i], values[i].Resolve(context));
        }

        return map;
    }
}
