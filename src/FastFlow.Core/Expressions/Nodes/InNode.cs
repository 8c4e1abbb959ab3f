using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>item in container</c> (or <c>not in</c>), also <c>contains(container, item)</c>.</summary>
internal sealed class InNode(ExpressionNode item, ExpressionNode container, bool negate, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context)
    {
        var needle = item.Evaluate(context);
        var haystack = container.Evaluate(context);
        return Membership.Contains(haystack, needle, Position) != negate;
    }
}
