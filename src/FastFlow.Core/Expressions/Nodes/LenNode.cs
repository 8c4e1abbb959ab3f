using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>len(x)</c>: characters (UTF-16 code units) of a string, items of an array, keys of
/// an object; 0 for null, so that a missing list has no items.</summary>
internal sealed class LenNode(ExpressionNode argument, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context)
    {
        var value = argument.Evaluate(context);
        return value.Kind switch
        {
            ValueKind.Null => Value.FromInteger(0),
            ValueKind.String => Value.FromInteger(value.AsString.Length),
            ValueKind.Array => Value.FromInteger(value.AsList.Count),
            ValueKind.Object => Value.FromInteger(value.AsMap.Count),
            _ => throw new EvaluationError($"len() needs a string, an array or an object, not {value.Describe()}", Position),
        };
    }
}
