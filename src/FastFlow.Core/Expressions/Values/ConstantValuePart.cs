namespace FastFlow.Expressions.Values;

/// <summary>A subtree without templates: resolved to the same object every time, never copied.
/// The raw subtree itself, or the subtree with its <c>$${{</c> escapes resolved.</summary>
/// <param name="value">The plain-data value.</param>
internal sealed class ConstantValuePart(object? value) : ValuePart
{
    /// <summary>The value.</summary>
    public object? Value => value;

    public override object? Resolve(IEvaluationContext context) => value;
}
