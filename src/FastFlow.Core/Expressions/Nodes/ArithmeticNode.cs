using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a + b</c>, <c>a - b</c>, <c>a * b</c>, <c>a / b</c>, <c>a % b</c>; see <see cref="Arithmetic"/>.</summary>
internal sealed class ArithmeticNode(ExpressionNode left, ExpressionNode right, ArithmeticOperator op, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        return op switch
        {
            ArithmeticOperator.Add => Arithmetic.Add(a, b, Position),
            ArithmeticOperator.Subtract => Arithmetic.Subtract(a, b, Position),
            ArithmeticOperator.Multiply => Arithmetic.Multiply(a, b, Position),
            ArithmeticOperator.Divide => Arithmetic.Divide(a, b, Position),
            _ => Arithmetic.Remainder(a, b, Position),
        };
    }
}
