using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a == 'x'</c> or <c>a != 'x'</c>: an <see cref="EqualityNode"/> whose right operand
/// is a literal, held inline (one node fewer to build, keep and walk).</summary>
internal sealed class ConstantEqualityNode(ExpressionNode left, Value right, bool negate, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context) => ValueComparer.Equal(left.Evaluate(context), right) != negate;
}
