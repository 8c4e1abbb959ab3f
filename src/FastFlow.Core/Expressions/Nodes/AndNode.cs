using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a &amp;&amp; b</c>: true when both are truthy; <c>b</c> is not evaluated when <c>a</c> is not.</summary>
internal sealed class AndNode(ExpressionNode left, ExpressionNode right, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context) => left.IsTrue(context) && right.IsTrue(context);
}
