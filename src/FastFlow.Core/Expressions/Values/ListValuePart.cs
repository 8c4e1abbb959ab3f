namespace FastFlow.Expressions.Values;

/// <summary>An array with at least one template inside: a new list per resolution, constant items shared.</summary>
internal sealed class ListValuePart(ValuePart[] items) : ValuePart
{
    public override object? Resolve(IEvaluationContext context)
    {
        var list = new List<object?>(items.Length);
        foreach (var item in items)
        {
            list.Add(item.Resolve(context));
        }

        return list;
    }
}
