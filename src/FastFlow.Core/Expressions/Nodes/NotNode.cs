using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>!a</c>: true when <c>a</c> is not truthy.</summary>
internal sealed class NotNode(ExpressionNode operand, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(!operand.IsTrue(context));

    public override bool IsTrue(IEvaluationContext context) => !operand.IsTrue(context);
}
