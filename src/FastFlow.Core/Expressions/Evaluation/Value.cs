using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FastFlow.Data;

namespace FastFlow.Expressions.Evaluation;

/// <summary>
/// A plain-data value during evaluation, held without boxing: booleans, integers and doubles live
/// in <see cref="_bits"/>, references in <see cref="_reference"/>. A scalar read from data keeps
/// the boxed object it came from, so that handing it back (<see cref="ToObject"/>) allocates
/// nothing either.
/// </summary>
internal readonly struct Value
{
    private static readonly object s_true = true;
    private static readonly object s_false = false;

    /// <summary>The string, map or list; or the boxed scalar this value was read from, or null.</summary>
    private readonly object? _reference;
    /// <summary>The boolean (0 or 1), the integer, or the bits of the double.</summary>
    private readonly long _bits;

    private Value(ValueKind kind, long bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The value's kind.</summary>
    public ValueKind Kind { get; }

    /// <summary>null.</summary>
    public static Value Null => default;

    /// <summary>The boolean of a <see cref="ValueKind.Boolean"/>.</summary>
    public bool AsBoolean => _bits != 0;

    /// <summary>The integer of a <see cref="ValueKind.Integer"/>.</summary>
    public long AsInteger => _bits;

    /// <summary>The double of a <see cref="ValueKind.Number"/>.</summary>
    public double AsNumber => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>The number of an integer or a double, as a double (lossy for large integers).</summary>
    public double AsDouble => Kind == ValueKind.Integer ? _bits : AsNumber;

    /// <summary>The string of a <see cref="ValueKind.String"/>.</summary>
    public string AsString => (string)_reference!;

    /// <summary>The map of a <see cref="ValueKind.Object"/>.</summary>
    public Dictionary<string, object?> AsMap => (Dictionary<string, object?>)_reference!;

    /// <summary>The list of a <see cref="ValueKind.Array"/>.</summary>
    public List<object?> AsList => (List<object?>)_reference!;

    /// <summary>True for integers and doubles.</summary>
    public bool IsNumeric => Kind is ValueKind.Integer or ValueKind.Number;

    /// <summary>See <see cref="PlainData.IsTruthy"/>.</summary>
    public bool IsTruthy => Kind switch
    {
        ValueKind.Null => false,
        ValueKind.Boolean or ValueKind.Integer => _bits != 0,
        ValueKind.Number => AsNumber is var d && d != 0 && !double.IsNaN(d),
        ValueKind.String => AsString.Length != 0,
        ValueKind.Object => AsMap.Count != 0,
        _ => AsList.Count != 0,
    };

    /// <summary>See <see cref="PlainData.TypeName"/>.</summary>
    public string TypeName => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Integer => "integer",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.Object => "object",
        _ => "array",
    };

    /// <summary>A boolean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromBoolean(bool value) => new(ValueKind.Boolean, value ? 1 : 0, null);

    /// <summary>An integer.</summary>
    public static Value FromInteger(long value) => new(ValueKind.Integer, value, null);

    /// <summary>A double.</summary>
    public static Value FromNumber(double value) => new(ValueKind.Number, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A string; null gives <see cref="Null"/>.</summary>
    public static Value FromString(string? value) => value is null ? Null : new(ValueKind.String, 0, value);

    /// <summary>A value read from plain data; anything else is normalized first (see <see cref="PlainData.Normalize"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromObject(object? value) => value switch
    {
        null => Null,
        bool b => new(ValueKind.Boolean, b ? 1 : 0, value),
        long l => new(ValueKind.Integer, l, value),
        double d => new(ValueKind.Number, BitConverter.DoubleToInt64Bits(d), value),
        string => new(ValueKind.String, 0, value),
        Dictionary<string, object?> => new(ValueKind.Object, 0, value),
        List<object?> => new(ValueKind.Array, 0, value),
        _ => FromForeign(value),
    };

    /// <summary>The value as plain data. Allocates only for a number or a boolean computed during
    /// evaluation (booleans use shared boxes, so in fact only for computed numbers).</summary>
    public object? ToObject() => Kind switch
    {
        ValueKind.Null => null,
        ValueKind.Boolean => _reference ?? (_bits != 0 ? s_true : s_false),
        ValueKind.Integer => _reference ?? _bits,
        ValueKind.Number => _reference ?? AsNumber,
        _ => _reference,
    };

    /// <summary>A short rendering for error messages: the type and, for scalars, the value.</summary>
    public string Describe() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Object => "an object",
        ValueKind.Array => "an array",
        ValueKind.String => "string " + Shorten(PlainData.ToJson(AsString)),
        _ => TypeName + " " + PlainData.ToJson(ToObject()),
    };

    /// <summary>The reference held for a container, for structural comparison.</summary>
    public object? Reference => _reference;

    /// <summary>Tries to read an integral index from an integer or a whole double.</summary>
    public bool TryGetIndex(out long index)
    {
        if (Kind == ValueKind.Integer)
        {
            index = _bits;
            return true;
        }

        if (Kind == ValueKind.Number && AsNumber is var d && Math.Floor(d) == d && d >= long.MinValue && d < 9.2233720368547758E18)
        {
            index = (long)d;
            return true;
        }

        index = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value FromForeign(object value) => FromObject(PlainData.Normalize(value));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>Returns the string when this is one.</summary>
    public bool TryGetString([NotNullWhen(true)] out string? text)
    {
        text = _reference as string;
        return Kind == ValueKind.String;
    }
}
