namespace FastFlow.Expressions.Evaluation;

/// <summary>The arithmetic operators: integers stay integers (overflow is an error), any double
/// makes the result a double, <c>/</c> always gives a double, <c>+</c> also joins two strings or
/// two arrays.</summary>
internal static class Arithmetic
{
    /// <summary><c>a + b</c>.</summary>
    public static Value Add(in Value a, in Value b, int position)
    {
        if (a.Kind == ValueKind.Integer && b.Kind == ValueKind.Integer)
        {
            var sum = a.AsInteger + b.AsInteger;
            // Overflow happened when both operands have a sign the sum does not have.
            if (((a.AsInteger ^ sum) & (b.AsInteger ^ sum)) < 0)
            {
                throw Overflow(position);
            }

            return Value.FromInteger(sum);
        }

        if (a.IsNumeric && b.IsNumeric)
        {
            return Value.FromNumber(a.AsDouble + b.AsDouble);
        }

        if (a.Kind == ValueKind.String && b.Kind == ValueKind.String)
        {
            return Value.FromString(string.Concat(a.AsString, b.AsString));
        }

        if (a.Kind == ValueKind.Array && b.Kind == ValueKind.Array)
        {
            var joined = new List<object?>(a.AsList.Count + b.AsList.Count);
            joined.AddRange(a.AsList);
            joined.AddRange(b.AsList);
            return Value.FromObject(joined);
        }

        throw Mismatch("add", a, b, position, "'+' needs two numbers, two strings or two arrays");
    }

    /// <summary><c>a - b</c>.</summary>
    public static Value Subtract(in Value a, in Value b, int position)
    {
        RequireNumbers("subtract", a, b, position);
        if (a.Kind == ValueKind.Integer && b.Kind == ValueKind.Integer)
        {
            var difference = a.AsInteger - b.AsInteger;
            if (((a.AsInteger ^ b.AsInteger) & (a.AsInteger ^ difference)) < 0)
            {
                throw Overflow(position);
            }

            return Value.FromInteger(difference);
        }

        return Value.FromNumber(a.AsDouble - b.AsDouble);
    }

    /// <summary><c>a * b</c>.</summary>
    public static Value Multiply(in Value a, in Value b, int position)
    {
        RequireNumbers("multiply", a, b, position);
        if (a.Kind == ValueKind.Integer && b.Kind == ValueKind.Integer)
        {
            var product = Math.BigMul(a.AsInteger, b.AsInteger, out var low);
            // The 128-bit product fits in a long when its high half is just the sign of the low half.
            if (product != (low >> 63))
            {
                throw Overflow(position);
            }

            return Value.FromInteger(low);
        }

        return Value.FromNumber(a.AsDouble * b.AsDouble);
    }

    /// <summary><c>a / b</c>, always a double.</summary>
    public static Value Divide(in Value a, in Value b, int position)
    {
        RequireNumbers("divide", a, b, position);
        var divisor = b.AsDouble;
        if (divisor == 0)
        {
            throw new EvaluationError("division by zero", position);
        }

        return Value.FromNumber(a.AsDouble / divisor);
    }

    /// <summary><c>a % b</c>: the remainder with the sign of <paramref name="a"/>.</summary>
    public static Value Remainder(in Value a, in Value b, int position)
    {
        RequireNumbers("take the remainder of", a, b, position);
        if (a.Kind == ValueKind.Integer && b.Kind == ValueKind.Integer)
        {
            if (b.AsInteger == 0)
            {
                throw new EvaluationError("remainder of a division by zero", position);
            }

            // long.MinValue % -1 overflows in hardware although the answer is 0.
            return Value.FromInteger(b.AsInteger == -1 ? 0 : a.AsInteger % b.AsInteger);
        }

        if (b.AsDouble == 0)
        {
            throw new EvaluationError("remainder of a division by zero", position);
        }

        return Value.FromNumber(a.AsDouble % b.AsDouble);
    }

    /// <summary><c>-a</c>.</summary>
    public static Value Negate(in Value a, int position)
    {
        if (a.Kind == ValueKind.Integer)
        {
            if (a.AsInteger == long.MinValue)
            {
                throw Overflow(position);
            }

            return Value.FromInteger(-a.AsInteger);
        }

        if (a.Kind == ValueKind.Number)
        {
            return Value.FromNumber(-a.AsNumber);
        }

        throw new EvaluationError($"cannot negate {a.Describe()}; '-' needs a number", position);
    }

    private static void RequireNumbers(string verb, in Value a, in Value b, int position)
    {
        if (!a.IsNumeric || !b.IsNumeric)
        {
            throw Mismatch(verb, a, b, position, "arithmetic needs numbers");
        }
    }

    private static EvaluationError Mismatch(string verb, in Value a, in Value b, int position, string rule) =>
        new($"cannot {verb} {a.Describe()} and {b.Describe()}; {rule}", position);

    private static EvaluationError Overflow(int position) =>
        new("integer overflow: the result does not fit in 64 bits", position);
}
