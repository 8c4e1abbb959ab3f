namespace FastFlow.Expressions.Evaluation;

/// <summary>The <c>in</c> operator and <c>contains()</c>: an element of a list, a substring of a
/// string, a key of a map. Nothing is in null.</summary>
internal static class Membership
{
    /// <summary>Whether <paramref name="item"/> is in <paramref name="container"/>.</summary>
    public static bool Contains(in Value container, in Value item, int position)
    {
        switch (container.Kind)
        {
            case ValueKind.Null:
                return false;
            case ValueKind.Array:
                foreach (var element in container.AsList)
                {
                    if (ValueComparer.Equal(Value.FromObject(element), item))
                    {
                        return true;
                    }
                }

                return false;
            case ValueKind.String:
                if (item.Kind != ValueKind.String)
                {
                    throw new EvaluationError($"cannot look for {item.Describe()} in a string; only a string can be part of a string", position);
                }

                return container.AsString.Contains(item.AsString, StringComparison.Ordinal);
            case ValueKind.Object:
                if (item.Kind != ValueKind.String)
                {
                    throw new EvaluationError($"cannot look for {item.Describe()} among the keys of an object; keys are strings", position);
                }

                return container.AsMap.ContainsKey(item.AsString);
            default:
                throw new EvaluationError($"cannot look inside {container.Describe()}; 'in' and contains() need an array, a string or an object", position);
        }
    }
}
