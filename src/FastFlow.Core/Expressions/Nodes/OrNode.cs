using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a || b</c>: true when either is truthy; <c>b</c> is not evaluated when <c>a</c> is.</summary>
internal sealed class OrNode(ExpressionNode left, ExpressionNode right, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context) => left.IsTrue(context) || right.IsTrue(context);
}
