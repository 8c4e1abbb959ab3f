using System.Globalization;
using System.Runtime.CompilerServices;
using FastFlow.Data;
using FastFlow.Expressions.Evaluation;
using FastFlow.Expressions.Templates;

namespace FastFlow.Expressions;

/// <summary>
/// A string that may contain <c>${{ expression }}</c> parts, compiled once. A template that is
/// exactly one part (whitespace around it allowed) renders to the part's value with its type
/// kept; otherwise each value is written into the text: null as nothing, strings as they are,
/// numbers and booleans as in JSON (<c>2</c>, <c>2.5</c>, <c>2.0</c>, <c>true</c>), objects and
/// arrays as compact JSON. <c>$${{</c> writes a literal <c>${{</c>. Immutable and thread-safe.
/// </summary>
public sealed class CompiledTemplate
{
    /// <summary>The pieces, in order; empty for a constant template.</summary>
    private readonly TemplateSegment[] _segments;
    /// <summary>The rendered text of a constant template.</summary>
    private readonly string? _constant;
    /// <summary>The one expression of a template whose value keeps its type.</summary>
    private readonly CompiledExpression? _single;
    /// <summary>Total length of the literal pieces, to size the output.</summary>
    private readonly int _literalLength;

    internal CompiledTemplate(string text, TemplateSegment[] segments, IReadOnlyList<int> referencedTasks)
    {
        Text = text;
        ReferencedTasks = referencedTasks;
        var expressions = 0;
        var blankLiterals = true;
        CompiledExpression? last = null;
        foreach (var segment in segments)
        {
            if (segment.Expression is not null)
            {
                expressions++;
                last = segment.Expression;
            }
            else
            {
                _literalLength += segment.Literal!.Length;
                blankLiterals &= string.IsNullOrWhiteSpace(segment.Literal);
            }
        }

        _segments = segments;
        if (expressions == 0)
        {
            _constant = segments switch
            {
                [] => string.Empty,
                [var only] => only.Literal!,
                _ => ConcatLiterals(segments),
            };
            _segments = [];
        }
        else if (expressions == 1 && blankLiterals)
        {
            // Rendered as the lone part's value: the pieces are not needed.
            _single = last;
            _segments = [];
        }
    }

    /// <summary>A template that is exactly one <c>${{ expression }}</c>.</summary>
    internal CompiledTemplate(string text, CompiledExpression single)
    {
        Text = text;
        ReferencedTasks = single.ReferencedTasks;
        _single = single;
        _segments = [];
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>True when the text has no <c>${{ }}</c> part (it may have <c>$${{</c> escapes).</summary>
    public bool IsConstant => _constant is not null;

    /// <summary>Distinct indices of the tasks the parts refer to, in order of first reference.</summary>
    public IReadOnlyList<int> ReferencedTasks { get; }

    /// <summary>The rendered template: the value of a lone part, otherwise a string.</summary>
    /// <exception cref="ExpressionEvaluationException">A part could not be evaluated.</exception>
    public object? Render(IEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_constant is not null)
        {
            return _constant;
        }

        if (_single is not null)
        {
            return _single.Evaluate(context);
        }

        var text = new DefaultInterpolatedStringHandler(_literalLength, _segments.Length, CultureInfo.InvariantCulture);
        foreach (var segment in _segments)
        {
            if (segment.Expression is null)
            {
                text.AppendLiteral(segment.Literal!);
            }
            else
            {
                Append(ref text, segment.Expression.EvaluateValue(context));
            }
        }

        return text.ToStringAndClear();
    }

    /// <summary>The text of a constant template (escapes resolved); null otherwise.</summary>
    internal string? ConstantText => _constant;

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static string ConcatLiterals(TemplateSegment[] segments)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        foreach (var segment in segments)
        {
            text.AppendLiteral(segment.Literal!);
        }

        return text.ToStringAndClear();
    }

    private static void Append(ref DefaultInterpolatedStringHandler text, in Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                break;
            case ValueKind.String:
                text.AppendLiteral(value.AsString);
                break;
            case ValueKind.Boolean:
                text.AppendLiteral(value.AsBoolean ? "true" : "false");
                break;
            case ValueKind.Integer:
                text.AppendFormatted(value.AsInteger);
                break;
            case ValueKind.Number:
                var number = value.AsNumber;
                text.AppendLiteral(double.IsFinite(number) ? PlainData.FormatDouble(number) : double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                break;
            default:
                text.AppendLiteral(PlainData.ToJson(value.Reference));
                break;
        }
    }
}
