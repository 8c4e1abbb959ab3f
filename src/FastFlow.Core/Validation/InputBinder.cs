using System.Collections;
using System.Globalization;
using FastFlow.Definitions;

namespace FastFlow.Validation;

/// <summary>Checks a run's inputs against the inputs its workflow declares, applies defaults, and
/// converts what the command line gives as text (<c>--input batch_size=42</c>) to the declared type.</summary>
public static class InputBinder
{
    /// <summary>Binds <paramref name="given"/> to the inputs <paramref name="definition"/> declares.
    /// A workflow that declares no inputs accepts any input as given.</summary>
    /// <param name="definition">The workflow.</param>
    /// <param name="given">The inputs of the run.</param>
    /// <param name="coerceStrings">Convert string values to the declared type ("42" to an integer,
    /// "true" to a boolean, JSON text to an object or array), as for <c>--input k=v</c>.</param>
    public static InputBindingResult Bind(WorkflowDefinition definition, IReadOnlyDictionary<string, object?> given, bool coerceStrings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(given);
        var declared = definition.Inputs;
        var bound = new Dictionary<string, object?>(given.Count + declared.Count, StringComparer.Ordinal);
        var diagnostics = new List<Diagnostic>();

        foreach (var input in declared)
        {
            if (given.TryGetValue(input.Name, out var value))
            {
                if (TryConvert(input.Type, value, coerceStrings, out var converted))
                {
                    bound[input.Name] = converted;
                }
                else
                {
                    diagnostics.Add(new Diagnostic
                    {
                        Code = DiagnosticCodes.InputType,
                        Path = DefinitionPath.Field("inputs", input.Name),
                        Message = $"the input '{input.Name}' must be {Article(input.Type)}, but {Describe(value)} is not",
                        Hint = HintFor(input),
                    });
                }
            }
            else if (input.HasDefault)
            {
                bound[input.Name] = input.Default;
            }
            else if (input.Required)
            {
                diagnostics.Add(new Diagnostic
                {
                    Code = DiagnosticCodes.MissingInput,
                    Path = DefinitionPath.Field("inputs", input.Name),
                    Message = $"the required input '{input.Name}' ({TypeName(input.Type)}) is missing",
                    Hint = $"give it with `--input {input.Name}=value` (or in --inputs-file)",
                });
            }
        }

        foreach (var (name, value) in given)
        {
            if (declared.Count == 0)
            {
                bound[name] = value;
            }
            else if (definition.FindInput(name) is null)
            {
                var closest = NameSuggester.Closest(name, declared.Select(d => d.Name));
                diagnostics.Add(new Diagnostic
                {
                    Code = DiagnosticCodes.UnknownInput,
                    Path = DefinitionPath.Field("inputs", name),
                    Message = $"the workflow '{definition.Id}' declares no input '{name}'",
                    Hint = closest is not null
                        ? $"did you mean '{closest}'?"
                        : "declared inputs: " + string.Join(", ", declared.Select(d => d.Name)),
                });
            }
        }

        return new InputBindingResult(bound, diagnostics);
    }

    /// <summary>True when <paramref name="value"/> is of <paramref name="type"/>, without conversion.</summary>
    internal static bool Matches(InputType type, object? value) => TryConvert(type, value, coerceStrings: false, out _);

    /// <summary>The type as definitions write it.</summary>
    internal static string TypeName(InputType type) => type switch
    {
        InputType.String => "string",
        InputType.Integer => "integer",
        InputType.Number => "number",
        InputType.Boolean => "boolean",
        InputType.Object => "object",
        InputType.Array => "array",
        _ => "any",
    };

    /// <summary>A value as a message shows it: <c>'12x'</c> for text, its JSON-like form and kind otherwise.</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"the text '{(text.Length > 60 ? string.Concat(text.AsSpan(0, 57), "...") : text)}'",
        bool flag => flag ? "true (a boolean)" : "false (a boolean)",
        IDictionary or IReadOnlyDictionary<string, object?> => "an object",
        IEnumerable => "an array",
        IFormattable number when IsNumber(value) => $"{number.ToString(null, CultureInfo.InvariantCulture)} (a number)",
        _ => $"a {value.GetType().Name}",
    };

    private static string Article(InputType type) => type switch
    {
        InputType.Integer => "an integer",
        InputType.Object => "an object",
        InputType.Array => "an array",
        InputType.Any => "anything",
        _ => "a " + TypeName(type),
    };

    private static string HintFor(InputDeclaration input) => input.Type switch
    {
        InputType.Integer => $"give a whole number, e.g. `--input {input.Name}=100`",
        InputType.Number => $"give a number, e.g. `--input {input.Name}=1.5`",
        InputType.Boolean => $"give true or false, e.g. `--input {input.Name}=true`",
        InputType.Object => $"give a JSON object, e.g. `--input '{input.Name}={{\"key\": \"value\"}}'`",
        InputType.Array => $"give a JSON array, e.g. `--input '{input.Name}=[1, 2]'`",
        _ => $"give a text value, e.g. `--input {input.Name}=value`",
    };

    /// <summary>Checks <paramref name="value"/> against <paramref name="type"/>; whole numbers come
    /// out as <see cref="long"/> and others as <see cref="double"/>, the engine's plain data.</summary>
    private static bool TryConvert(InputType type, object? value, bool coerceStrings, out object? converted)
    {
        converted = value;
        if (type is InputType.Any or InputType.String)
        {
            return type == InputType.Any || value is string;
        }

        if (coerceStrings && value is string text)
        {
            return TryParse(type, text.Trim(), out converted);
        }

        switch (type)
        {
            case InputType.Boolean:
                return value is bool;
            case InputType.Integer:
                return TryWholeNumber(value, out converted);
            case InputType.Number:
                if (TryWholeNumber(value, out converted))
                {
                    return true;
                }

                converted = value is float or double or decimal ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : value;
                return converted is double number && double.IsFinite(number);
            case InputType.Object:
                return value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>;
            case InputType.Array:
                return value is IList and not IDictionary;
            default:
                return false;
        }
    }

    private static bool TryParse(InputType type, string text, out object? converted)
    {
        converted = null;
        switch (type)
        {
            case InputType.Boolean when bool.TryParse(text, out var flag):
                converted = flag;
                return true;
            case InputType.Integer or InputType.Number
                when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                converted = whole;
                return true;
            case InputType.Number
                when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                converted = number;
                return true;
            case InputType.Object or InputType.Array when PlainJson.TryParse(text, out var parsed):
                converted = parsed;
                return type == InputType.Object ? parsed is IReadOnlyDictionary<string, object?> : parsed is IList;
            default:
                return false;
        }
    }

    private static bool TryWholeNumber(object? value, out object? converted)
    {
        converted = value switch
        {
            long n => n,
            int n => (long)n,
            short n => (long)n,
            sbyte n => (long)n,
            byte n => (long)n,
            ushort n => (long)n,
            uint n => (long)n,
            ulong n when n <= long.MaxValue => (long)n,
            double d when double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9.2e18 => (long)d,
            float f when float.IsFinite(f) && MathF.Floor(f) == f && Math.Abs(f) < 9.2e18f => (long)f,
            decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue => (long)m,
            _ => null,
        };
        if (converted is null)
        {
            converted = value;
            return false;
        }

        return true;
    }

    private static bool IsNumber(object value) =>
        value is long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal;
}
