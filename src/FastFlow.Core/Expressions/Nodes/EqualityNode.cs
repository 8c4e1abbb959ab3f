using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a == b</c> or <c>a != b</c>, with the equality of <see cref="ValueComparer.Equal"/>.</summary>
internal sealed class EqualityNode(ExpressionNode left, ExpressionNode right, bool negate, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        return ValueComparer.Equal(a, b) != negate;
    }
}
