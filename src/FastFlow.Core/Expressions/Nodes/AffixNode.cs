using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary><c>startsWith(s, prefix)</c> and <c>endsWith(s, suffix)</c>, ordinal; false when
/// <c>s</c> is null.</summary>
internal sealed class AffixNode(ExpressionNode text, ExpressionNode affix, bool atEnd, int position) : ExpressionNode(position)
{
    public override Value Evaluate(IEvaluationContext context) => Value.FromBoolean(IsTrue(context));

    public override bool IsTrue(IEvaluationContext context)
    {
        var value = text.Evaluate(context);
        var part = affix.Evaluate(context);
        if (!part.TryGetString(out var partText))
        {
            throw Wrong("second", part);
        }

        if (value.Kind == ValueKind.Null)
        {
            return false;
        }

        if (!value.TryGetString(out var valueText))
        {
            throw Wrong("first", value);
        }

        return atEnd
            ? valueText.EndsWith(partText, StringComparison.Ordinal)
            : valueText.StartsWith(partText, StringComparison.Ordinal);
    }

    private EvaluationError Wrong(string which, in Value value) =>
        new($"{(atEnd ? "endsWith" : "startsWith")}() needs a string as its {which} argument, not {value.Describe()}", Position);
}
