using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a &lt; b</c> and the other orderings: numbers by value, strings ordinally; any
/// other pair is an evaluation error, a NaN makes the comparison false.</summary>
internal sealed class ComparisonNode(ExpressionNode left, ExpressionNode right, ComparisonOperator op, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        if (!ValueComparer.TryCompare(a, b, out var order, out var unordered))
        {
            throw Incomparable(a, b);
        }

        if (unordered)
        {
            return false;
        }

        return op switch
        {
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private EvaluationError Incomparable(in Value a, in Value b)
    {
        var symbol = op switch
        {
            ComparisonOperator.Less => "<",
            ComparisonOperator.LessOrEqual => "<=",
            ComparisonOperator.Greater => ">",
            _ => ">=",
        };
        return new EvaluationError(
            $"cannot compare {a.Describe()} with {b.Describe()} using '{symbol}'; only two numbers or two strings can be ordered",
            Position);
    }
}
