using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary>A literal.</summary>
internal sealed class ConstantNode(Value value, int position) : ExpressionNode(position)
{
    /// <summary>The literal's value.</summary>
    public Value Value => value;

    public override Value Evaluate(IEvaluationContext context) => value;
}
