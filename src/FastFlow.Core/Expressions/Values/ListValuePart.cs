namespace FastFlow.Expressions.Values;

/// <summary>An array with at least one template inside: a new list per resolution. A null part
/// stands for a constant item, shared as it is in the source.</summary>
/// <param name="source">The list as written (plain data, never changed after it is compiled).</param>
/// <param name="parts">Per item of the source, the compiled item, or null.</param>
internal sealed class ListValuePart(List<object?> source, ValuePart?[] parts) : ValuePart
{
    public override object? Resolve(IEvaluationContext context)
    {
        var list = new List<object?>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            list.Add(parts[i] is { } part ? part.Resolve(context) : source[i]);
        }

        return list;
    }
}
