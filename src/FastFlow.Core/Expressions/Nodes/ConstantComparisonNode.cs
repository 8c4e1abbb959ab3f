using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a &lt; 3</c>: a <see cref="ComparisonNode"/> whose right operand is a literal,
/// held inline (one node fewer to build, keep and walk).</summary>
internal sealed class ConstantComparisonNode(ExpressionNode left, Value right, ComparisonOperator op, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context) => ComparisonNode.Holds(left.Evaluate(context), right, op, Position);
}
