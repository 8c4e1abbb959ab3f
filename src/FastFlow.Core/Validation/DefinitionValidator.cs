using FastFlow.Definitions;
using FastFlow.Registry;

namespace FastFlow.Validation;

/// <summary>Checks a definition before anything runs and reports every problem at once: ids,
/// the dependency graph (unknown dependencies, self-dependencies, cycles), what each task runs,
/// expressions and templates, tasks that can never run, retry, timeout and concurrency values.
/// A valid result carries each task resolved (action or handler, compiled conditions and
/// parameters, settings with defaults applied) for the plan compiler. Thread-safe: one validator
/// may validate many definitions concurrently.</summary>
/// <example>
/// <code>
/// var result = new DefinitionValidator(registry).Validate(definition);
/// if (!result.IsValid)
/// {
///     foreach (var problem in result.Diagnostics) Console.Error.WriteLine(problem);
/// }
/// </code>
/// </example>
public sealed class DefinitionValidator
{
    private readonly FlowRegistry _registry;
    private readonly FlowEngineOptions _engineOptions;

    /// <summary>Creates a validator that resolves actions and handlers in <paramref name="registry"/>
    /// and judges what is enabled (exec, file root, HTTP) by <paramref name="engineOptions"/>.</summary>
    public DefinitionValidator(FlowRegistry registry, FlowEngineOptions? engineOptions = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _engineOptions = engineOptions ?? new FlowEngineOptions();
    }

    /// <summary>Whether agents, capabilities and sub-workflow definitions must resolve in the
    /// registry. False for <c>fastflow validate</c> without <c>--agents</c>: the definition is
    /// checked on its own. Actions and handlers must resolve either way.</summary>
    public bool CheckReferences { get; init; } = true;

    /// <summary>Validates <paramref name="definition"/>. Never throws for a mistake in it: every
    /// problem is a diagnostic of the result.</summary>
    public ValidationResult Validate(WorkflowDefinition definition) => Validate(definition, null);

    /// <summary>Validates, handing each task to <paramref name="sink"/> as soon as it is bound.</summary>
    internal ValidationResult Validate(WorkflowDefinition definition, IBoundTaskSink? sink)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new DefinitionChecker(definition, _registry, _engineOptions, CheckReferences, sink).Run();
    }
}
