namespace FastFlow.Expressions.Values;

/// <summary>A subtree without templates: resolved to the same object every time, never copied.</summary>
/// <param name="value">The plain-data value.</param>
/// <param name="sameAsSource">True when <paramref name="value"/> is the raw value itself; false
/// when compiling changed it (an escaped <c>$${{</c> somewhere inside).</param>
internal sealed class ConstantValuePart(object? value, bool sameAsSource) : ValuePart
{
    /// <summary>The value.</summary>
    public object? Value => value;

    /// <summary>True when the value is the raw value itself.</summary>
    public bool SameAsSource => sameAsSource;

    public override object? Resolve(IEvaluationContext context) => value;
}
