using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>-a</c>.</summary>
internal sealed class NegateNode(ExpressionNode operand, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Arithmetic.Negate(operand.Evaluate(context), Position);
}
