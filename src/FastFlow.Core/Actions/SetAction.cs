using FastFlow.Validation;

namespace FastFlow.Actions;

/// <summary><c>set</c>: writes <c>values</c> (a map) into the run's context, where later tasks
/// read them as <c>context.key</c>; its output is the values written.</summary>
internal sealed class SetAction() : FlowAction("set")
{
    public override object? Prepare(ActionPreparation preparation)
    {
        if (!preparation.Parameters.TryGetValue("values", out var values))
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters", "The set action needs a 'values' parameter.",
                "Add parameters: { values: { key: value } }.");
        }
        else if (values is not IReadOnlyDictionary<string, object?> and not null && !(values is string text && text.Contains("${{", StringComparison.Ordinal)))
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters.values", "'values' must be a map of names to values.",
                "Write values: { key: value }.");
        }

        foreach (var name in preparation.Parameters.Keys)
        {
            if (name != "values")
            {
                preparation.Report(DiagnosticCodes.InvalidParameter, "parameters." + name, $"The set action has no parameter '{name}'.",
                    "Its only parameter is 'values'.", DiagnosticSeverity.Warning);
            }
        }

        return null;
    }

    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        if (context.GetParameter("values") is not IReadOnlyDictionary<string, object?> values)
        {
            return new(TaskResult.Failure(ErrorCategory.Permanent,
                $"Task '{context.TaskId}': the set action's 'values' did not resolve to a map."));
        }

        foreach (var (key, value) in values)
        {
            context.SetContext(key, value);
        }

        return new(TaskResult.Success(values));
    }
}
