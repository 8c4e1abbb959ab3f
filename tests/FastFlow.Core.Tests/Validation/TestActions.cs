using FastFlow.Actions;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

/// <summary>An action that requires a <c>url</c> parameter and records what it was asked to prepare.</summary>
internal sealed class UrlAction(string name = "fetch") : FlowAction(name)
{
    public List<(string TaskId, string Path, bool CheckReferences)> Prepared { get; } = [];

    public override object? Prepare(ActionPreparation preparation)
    {
        Prepared.Add((preparation.TaskId, preparation.Path, preparation.CheckReferences));
        if (!preparation.Parameters.ContainsKey("url"))
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters.url", "The parameter 'url' is required.", "Add `url: https://...`.");
            return null;
        }

        return "prepared:" + preparation.TaskId;
    }

    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context) => TaskResult.Success();
}

/// <summary>An action whose Prepare has a bug.</summary>
internal sealed class ThrowingAction() : FlowAction("broken")
{
    public override object? Prepare(ActionPreparation preparation) => throw new InvalidOperationException("boom");

    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context) => TaskResult.Success();
}

/// <summary>A plain action that does nothing.</summary>
internal sealed class NamedAction(string name) : FlowAction(name)
{
    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context) => TaskResult.Success();
}

internal static class TestRegistry
{
    public static readonly TaskHandler Handler = _ => TaskResult.Success();

    /// <summary>Handlers 'transform' and 'load_rows'; actions 'fetch' (needs url) and 'broken'.</summary>
    public static FlowRegistry Create()
    {
        var registry = new FlowRegistry();
        registry.RegisterHandler("transform", Handler);
        registry.RegisterHandler("load_rows", Handler);
        registry.RegisterAction(new UrlAction());
        registry.RegisterAction(new ThrowingAction());
        return registry;
    }

    public static ValidationResult Validate(Definitions.WorkflowDefinition definition, FlowRegistry? registry = null, FlowEngineOptions? options = null) =>
        new DefinitionValidator(registry ?? Create(), options).Validate(definition);
}
