using FastFlow.Definitions;

namespace FastFlow.Expressions;

/// <summary>
/// The names an expression may refer to: the tasks of a workflow (bound to their indices when an
/// expression is compiled), its declared inputs and whether <c>params.x</c> is allowed (only in
/// workflow templates). Immutable; one scope serves every expression of a definition.
/// </summary>
public sealed class ExpressionScope
{
    /// <summary>The index of a task by id, or -1: the lookup given to the public constructor.</summary>
    private readonly Func<string, int>? _taskIndexOf;
    /// <summary>The same lookup without copying the id out of the expression's text.</summary>
    private readonly TaskIndexLookup? _spanIndexOf;
    /// <summary>Declared input names; null when any input name is allowed.</summary>
    private readonly HashSet<string>? _declaredInputs;

    /// <summary>Creates a scope.</summary>
    /// <param name="taskIndexOf">The index of a task by id; -1 for an unknown id.</param>
    /// <param name="taskIds">Every task id, for "did you mean" hints.</param>
    /// <param name="declaredInputs">The declared input names; null allows any <c>inputs.x</c>.</param>
    /// <param name="allowParams">True where <c>params.x</c> may be used (workflow templates).</param>
    public ExpressionScope(Func<string, int> taskIndexOf, IReadOnlyList<string> taskIds, IReadOnlyCollection<string>? declaredInputs, bool allowParams = false)
    {
        ArgumentNullException.ThrowIfNull(taskIndexOf);
        ArgumentNullException.ThrowIfNull(taskIds);
        _taskIndexOf = taskIndexOf;
        TaskIds = taskIds;
        _declaredInputs = declaredInputs is null ? null : new HashSet<string>(declaredInputs, StringComparer.Ordinal);
        DeclaredInputs = declaredInputs;
        AllowParams = allowParams;
    }

    /// <summary>Creates a scope whose task lookup reads ids as spans, so that binding
    /// <c>tasks.id</c> copies nothing out of the text.</summary>
    internal ExpressionScope(TaskIndexLookup taskIndexOf, IReadOnlyList<string> taskIds, IReadOnlyCollection<string>? declaredInputs)
    {
        _spanIndexOf = taskIndexOf;
        TaskIds = taskIds;
        _declaredInputs = declaredInputs is null ? null : new HashSet<string>(declaredInputs, StringComparer.Ordinal);
        DeclaredInputs = declaredInputs;
    }

    /// <summary>The index of a task by id, or -1; the id is not copied.</summary>
    internal delegate int TaskIndexLookup(ReadOnlySpan<char> id);

    /// <summary>A scope with no tasks and any inputs, for expressions that stand alone.</summary>
    public static ExpressionScope Empty { get; } = new(static _ => -1, [], null);

    /// <summary>Every task id, in declaration order.</summary>
    public IReadOnlyList<string> TaskIds { get; }

    /// <summary>The declared input names; null when any input name is allowed.</summary>
    public IReadOnlyCollection<string>? DeclaredInputs { get; }

    /// <summary>True where <c>params.x</c> may be used.</summary>
    public bool AllowParams { get; }

    /// <summary>The scope of a definition's expressions: its tasks, and its declared inputs; a
    /// definition that declares no inputs accepts any <c>inputs.x</c>.</summary>
    public static ExpressionScope ForDefinition(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var tasks = definition.Tasks;
        var inputs = definition.Inputs.Count == 0 ? null : definition.Inputs.Select(i => i.Name).ToArray();
        return new ExpressionScope(tasks.IndexOf, tasks.Ids.ToArray(), inputs);
    }

    /// <summary>The index of a task, or -1.</summary>
    internal int TaskIndexOf(ReadOnlySpan<char> id) => _spanIndexOf is { } lookup ? lookup(id) : _taskIndexOf!(id.ToString());

    /// <summary>True when <c>inputs.name</c> may be used.</summary>
    internal bool IsInputDeclared(string name) => _declaredInputs is null || _declaredInputs.Contains(name);
}
