using FastFlow.Validation;

namespace FastFlow.Actions;

/// <summary><c>fail</c>: ends the task failed with <c>category</c> (default permanent) and <c>message</c>.</summary>
internal sealed class FailAction() : FlowAction("fail")
{
    public override object? Prepare(ActionPreparation preparation)
    {
        if (preparation.TryGetConstant("category", out var category) && (category is not string name || !WireNames.TryParse<ErrorCategory>(name, out _)))
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters.category", $"'{category}' is not an error category.",
                "Use one of: " + string.Join(", ", WireNames.NamesOf<ErrorCategory>()) + ".");
        }

        return null;
    }

    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        var category = ErrorCategory.Permanent;
        if (context.GetParameter("category") is string name && WireNames.TryParse<ErrorCategory>(name, out var parsed))
        {
            category = parsed.Value;
        }

        var message = context.GetParameter("message") as string ?? $"Task '{context.TaskId}' failed on purpose.";
        return new(TaskResult.Failure(category, message));
    }
}
