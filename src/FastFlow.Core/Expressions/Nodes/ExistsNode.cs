using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>exists(path)</c>: true when every step of the path is present, even when the
/// value at its end is null.</summary>
internal sealed class ExistsNode(PathNode path, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context) => path.TryResolve(context, out _);
}
