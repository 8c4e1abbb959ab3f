using FastFlow.Expressions.Evaluation;
using FastFlow.Expressions.Nodes;

namespace FastFlow.Expressions;

/// <summary>An expression parsed and checked once, with its task references bound to indices.
/// Evaluation walks the tree; it never parses or looks a name up. Immutable and thread-safe.</summary>
public sealed class CompiledExpression
{
    private readonly ExpressionNode _root;
    /// <summary>The text the nodes' positions count in: the expression's own, or its template's.</summary>
    private readonly string _source;
    /// <summary>Where <see cref="Text"/> starts in <see cref="_source"/>.</summary>
    private readonly int _offset;
    /// <summary>The length of <see cref="Text"/>.</summary>
    private readonly int _length;
    /// <summary><see cref="Text"/> once asked for, when it is a part of <see cref="_source"/>.</summary>
    private string? _text;

    internal CompiledExpression(string source, int offset, int length, ExpressionNode root, IReadOnlyList<int> referencedTasks, bool isConstant)
    {
        _source = source;
        _offset = offset;
        _length = length;
        _root = root;
        ReferencedTasks = referencedTasks;
        IsConstant = isConstant;
    }

    /// <summary>The expression as written.</summary>
    // A part of a template is cut out of it only when asked for: a benign race may cut it twice.
    public string Text => IsWhole ? _source : _text ??= _source.Substring(_offset, _length);

    /// <summary>Distinct indices of the tasks the expression refers to, in order of first reference.</summary>
    public IReadOnlyList<int> ReferencedTasks { get; }

    /// <summary>True when the expression refers to nothing (no inputs, context, tasks, run or params).</summary>
    public bool IsConstant { get; }

    /// <summary>The expression's value, as plain data.</summary>
    /// <exception cref="ExpressionEvaluationException">A value had the wrong type for an operation.</exception>
    public object? Evaluate(IEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return _root.Evaluate(context).ToObject();
        }
        catch (EvaluationError error)
        {
            throw Wrap(error);
        }
    }

    /// <summary>Whether the expression's value is truthy (see <see cref="Data.PlainData.IsTruthy"/>).
    /// Comparisons and logic over paths, literals and <c>len()</c> allocate nothing.</summary>
    /// <exception cref="ExpressionEvaluationException">A value had the wrong type for an operation.</exception>
    public bool EvaluateCondition(IEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return _root.IsTrue(context);
        }
        catch (EvaluationError error)
        {
            throw Wrap(error);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>True when <see cref="Text"/> is the whole text compiled (not a part of a template).</summary>
    internal bool IsWhole => _offset == 0 && _length == _source.Length;

    /// <summary>The text the expression was compiled from: <see cref="Text"/>, or the template holding it.</summary>
    internal string Source => _source;

    /// <summary>The value without boxing, for templates.</summary>
    internal Value EvaluateValue(IEvaluationContext context)
    {
        try
        {
            return _root.Evaluate(context);
        }
        catch (EvaluationError error)
        {
            throw Wrap(error);
        }
    }

    private ExpressionEvaluationException Wrap(EvaluationError error) =>
        new(Text, Math.Clamp(error.Position - _offset + 1, 1, Text.Length + 1), error.Message);
}
