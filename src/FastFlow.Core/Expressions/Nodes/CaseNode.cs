using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>lower(s)</c> and <c>upper(s)</c>, culture-invariant; null stays null.</summary>
internal sealed class CaseNode(ExpressionNode argument, bool upper, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context)
    {
        var value = argument.Evaluate(context);
        if (value.Kind == ValueKind.Null)
        {
            return value;
        }

        if (!value.TryGetString(out var text))
        {
            throw new EvaluationError($"{(upper ? "upper" : "lower")}() needs a string, not {value.Describe()}", Position);
        }

        return Value.FromString(upper ? text.ToUpperInvariant() : text.ToLowerInvariant());
    }
}
