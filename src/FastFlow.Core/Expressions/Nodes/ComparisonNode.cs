using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>a &lt; b</c> and the other orderings: numbers by value, strings ordinally; any
/// other pair is an evaluation error, a NaN makes the comparison false.</summary>
internal sealed class ComparisonNode(ExpressionNode left, ExpressionNode right, ComparisonOperator op, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context) => Holds(left.Evaluate(context), right.Evaluate(context), op, Position);

    /// <summary>Whether <c>a op b</c> holds.</summary>
    /// <exception cref="EvaluationError">The values cannot be ordered.</exception>
    public static bool Holds(in Value a, in Value b, ComparisonOperator op, int position)
    {
        if (!ValueComparer.TryCompare(a, b, out var order, out var unordered))
        {
            throw Incomparable(a, b, op, position);
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

    private static EvaluationError Incomparable(in Value a, in Value b, ComparisonOperator op, int position)
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
            position);
    }
}
