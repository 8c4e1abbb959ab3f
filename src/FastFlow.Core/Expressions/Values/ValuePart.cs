namespace FastFlow.Expressions.Values;

/// <summary>One node of a compiled parameter tree.</summary>
internal abstract class ValuePart
{
    /// <summary>The node's value for a run.</summary>
    public abstract object? Resolve(IEvaluationContext context);
}
