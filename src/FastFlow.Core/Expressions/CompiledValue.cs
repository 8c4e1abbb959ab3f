using FastFlow.Expressions.Values;

namespace FastFlow.Expressions;

/// <summary>A parameter tree (objects, arrays, scalars) whose strings may be templates, compiled
/// once. Resolving builds new objects and arrays only where templates are; subtrees without
/// templates are shared, not copied. Immutable and thread-safe.</summary>
public sealed class CompiledValue
{
    private readonly ValuePart _root;

    internal CompiledValue(ValuePart root, IReadOnlyList<int> referencedTasks)
    {
        _root = root;
        ReferencedTasks = referencedTasks;
    }

    /// <summary>True when the tree has no template: <see cref="Resolve"/> always returns the same object.</summary>
    public bool IsConstant => _root is ConstantValuePart;

    /// <summary>Distinct indices of the tasks the templates refer to, in order of first reference.</summary>
    public IReadOnlyList<int> ReferencedTasks { get; }

    /// <summary>The tree with every template rendered (see <see cref="CompiledTemplate.Render"/>).</summary>
    /// <exception cref="ExpressionEvaluationException">A template could not be evaluated.</exception>
    public object? Resolve(IEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _root.Resolve(context);
    }

    /// <summary>The resolved tree as parameters: empty when it is not a map.</summary>
    internal IReadOnlyDictionary<string, object?> ResolveParameters(IEvaluationContext context) =>
        _root.Resolve(context) as IReadOnlyDictionary<string, object?> ?? Plans.EmptyParameters.Instance;
}
