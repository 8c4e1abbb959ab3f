using FastFlow.Definitions;
using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Actions;

/// <summary>What an action sees of one task when it is validated and compiled: the task's
/// options and raw parameters, and a way to report problems with their exact place.</summary>
public sealed class ActionPreparation
{
    private readonly List<Diagnostic> _diagnostics;
    /// <summary>The names expressions of this definition may use, made on first need.</summary>
    private readonly Func<ExpressionScope>? _scope;
    /// <summary><see cref="Path"/>, once built.</summary>
    private string? _path;

    // A null path is the task's own, tasks.<id>, built only when asked for (valid tasks never ask).
    internal ActionPreparation(
        string taskId,
        string? path,
        TaskOptions options,
        FlowEngineOptions engineOptions,
        Registry.FlowRegistry registry,
        List<Diagnostic> diagnostics,
        bool checkReferences = true,
        Func<ExpressionScope>? scope = null)
    {
        CheckReferences = checkReferences;
        _scope = scope;
        TaskId = taskId;
        _path = path;
        Options = options;
        EngineOptions = engineOptions;
        Registry = registry;
        _diagnostics = diagnostics;
    }

    /// <summary>The task's id.</summary>
    public string TaskId { get; }

    /// <summary>The task's JSON path, e.g. <c>tasks.load</c>.</summary>
    public string Path => _path ??= DefinitionPath.Task(TaskId);

    /// <summary>The task's options.</summary>
    public TaskOptions Options { get; }

    /// <summary>The raw parameters (templates unresolved), never null.</summary>
    public IReadOnlyDictionary<string, object?> Parameters => Options.Parameters ?? s_emptyParameters;

    /// <summary>The options of the engine the task will run in.</summary>
    public FlowEngineOptions EngineOptions { get; }

    /// <summary>The registry, for actions that resolve agents or definitions.</summary>
    public Registry.FlowRegistry Registry { get; }

    /// <summary>Whether references to registered things (agents, sub-workflow definitions) must
    /// resolve now. False when validating a file on its own, without the agents it will run with.</summary>
    public bool CheckReferences { get; }

    /// <summary>Whether an error was reported for this task so far.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Reports a problem at <c>{Path}.{relativePath}</c> (e.g. <c>parameters.url</c>).</summary>
    public void Report(string code, string relativePath, string message, string? hint = null, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        HasErrors |= severity == DiagnosticSeverity.Error;
        _diagnostics.Add(new Diagnostic
        {
            Code = code,
            Severity = severity,
            Message = message,
            Hint = hint,
            Path = string.IsNullOrEmpty(relativePath) ? Path : Path + "." + relativePath,
        });
    }

    /// <summary>Compiles an expression written in a parameter (e.g. <c>condition_check</c>'s
    /// <c>expression</c>) against this definition, reporting its errors at
    /// <c>{Path}.{relativePath}</c>. Null when it has errors.</summary>
    public CompiledExpression? CompileExpression(string text, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scope = _scope?.Invoke() ?? ExpressionScope.Empty;
        var before = _diagnostics.Count;
        var compiled = ExpressionCompiler.Compile(text, scope, string.IsNullOrEmpty(relativePath) ? Path : Path + "." + relativePath, _diagnostics);
        for (var i = before; i < _diagnostics.Count; i++)
        {
            HasErrors |= _diagnostics[i].IsError;
        }

        return compiled;
    }

    /// <summary>True when a parameter is present and holds no template, with its value.</summary>
    public bool TryGetConstant(string name, out object? value)
    {
        if (Parameters.TryGetValue(name, out value))
        {
            return !(value is string text && text.Contains("${{", StringComparison.Ordinal));
        }

        return false;
    }

    private static readonly IReadOnlyDictionary<string, object?> s_emptyParameters = new Dictionary<string, object?>();
}
