using System.Runtime.CompilerServices;
using FastFlow.Data;

namespace FastFlow.Expressions.Evaluation;

/// <summary>Equality and ordering of values, without boxing scalars.</summary>
internal static class ValueComparer
{
    /// <summary>2^63 as a double: the first double above every long.</summary>
    private const double TwoPow63 = 9.2233720368547758E18;

    /// <summary>Equality as <see cref="PlainData.DeepEquals"/> defines it.</summary>
    public static bool Equal(in Value a, in Value b)
    {
        if (a.IsNumeric && b.IsNumeric)
        {
            return NumbersEqual(a, b);
        }

        if (a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Boolean => a.AsBoolean == b.AsBoolean,
            ValueKind.String => string.Equals(a.AsString, b.AsString, StringComparison.Ordinal),
            _ => PlainData.DeepEquals(a.Reference, b.Reference),
        };
    }

    /// <summary>Orders two numbers or two strings; false when the values cannot be ordered
    /// (other types, or mixed types). <paramref name="unordered"/> is true when a NaN takes part,
    /// which every ordering comparison treats as false.</summary>
    public static bool TryCompare(in Value a, in Value b, out int order, out bool unordered)
    {
        unordered = false;
        if (a.IsNumeric && b.IsNumeric)
        {
            order = CompareNumbers(a, b, out unordered);
            return true;
        }

        if (a.Kind == ValueKind.String && b.Kind == ValueKind.String)
        {
            order = string.CompareOrdinal(a.AsString, b.AsString);
            return true;
        }

        order = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NumbersEqual(in Value a, in Value b)
    {
        if (a.Kind == ValueKind.Integer)
        {
            return b.Kind == ValueKind.Integer ? a.AsInteger == b.AsInteger : PlainData.NumberEquals(a.AsInteger, b.AsNumber);
        }

        return b.Kind == ValueKind.Integer ? PlainData.NumberEquals(b.AsInteger, a.AsNumber) : PlainData.NumberEquals(a.AsNumber, b.AsNumber);
    }

    private static int CompareNumbers(in Value a, in Value b, out bool unordered)
    {
        unordered = false;
        if (a.Kind == ValueKind.Integer && b.Kind == ValueKind.Integer)
        {
            return a.AsInteger.CompareTo(b.AsInteger);
        }

        if (a.Kind == ValueKind.Number && b.Kind == ValueKind.Number)
        {
            unordered = double.IsNaN(a.AsNumber) || double.IsNaN(b.AsNumber);
            return a.AsNumber.CompareTo(b.AsNumber);
        }

        if (a.Kind == ValueKind.Integer)
        {
            unordered = double.IsNaN(b.AsNumber);
            return CompareExact(a.AsInteger, b.AsNumber);
        }

        unordered = double.IsNaN(a.AsNumber);
        return -CompareExact(b.AsInteger, a.AsNumber);
    }

    /// <summary>Compares a long with a double exactly: converting the long to double would
    /// round large values and call 2^53 + 1 equal to 2^53.</summary>
    private static int CompareExact(long l, double d)
    {
        if (d >= TwoPow63)
        {
            return -1;
        }

        if (d < -TwoPow63)
        {
            return 1;
        }

        // d is in the long range here, so truncation is exact and the fraction decides ties.
        var whole = Math.Truncate(d);
        var truncated = (long)whole;
        if (l != truncated)
        {
            return l < truncated ? -1 : 1;
        }

        return d == whole ? 0 : d > whole ? -1 : 1;
    }
}
