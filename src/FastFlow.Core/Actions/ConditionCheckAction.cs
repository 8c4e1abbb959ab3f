using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Actions;

/// <summary><c>condition_check</c>: evaluates the expression in its <c>expression</c> parameter
/// (compiled once, at validation) and outputs <c>{ result: bool }</c>. Pair it with
/// <c>when: tasks.check.output.result</c> on later tasks to branch.</summary>
internal sealed class ConditionCheckAction() : FlowAction("condition_check")
{
    public override object? Prepare(ActionPreparation preparation)
    {
        if (!preparation.Parameters.TryGetValue("expression", out var value))
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters", "The condition_check action needs an 'expression' parameter.",
                "Add parameters: { expression: \"inputs.count > 10\" }.");
            return null;
        }

        if (value is not string text)
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters.expression", "'expression' must be a string holding an expression.",
                "Write expression: \"tasks.extract.output.rows > 0\".");
            return null;
        }

        return preparation.CompileExpression(text, "parameters.expression");
    }

    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        if (GetPrepared(context) is not CompiledExpression expression)
        {
            return new(TaskResult.Failure(ErrorCategory.Permanent, $"Task '{context.TaskId}': condition_check has no compiled expression; validate the definition before running it."));
        }

        var holds = expression.EvaluateCondition(context.Evaluation);
        return new(TaskResult.Success(new Dictionary<string, object?>(1) { ["result"] = holds }));
    }
}
