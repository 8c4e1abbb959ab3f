using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary>Stands for a part of an expression that had an error. A tree with errors is never
/// handed out, so this node is never evaluated.</summary>
internal sealed class ErrorNode(int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) =>
        throw new InvalidOperationException("An expression with errors was evaluated.");
}
