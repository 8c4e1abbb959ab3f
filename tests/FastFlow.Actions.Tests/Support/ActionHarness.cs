using FastFlow.Definitions;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Actions.Tests.Support;

/// <summary>Runs an action's Prepare and ExecuteAsync the way the engine does, outside an engine.</summary>
internal static class ActionHarness
{
    public static List<Diagnostic> Prepare(FlowAction action, Dictionary<string, object?> parameters, FlowEngineOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var taskOptions = new TaskOptions { Action = action.Name, Parameters = parameters };
        action.Prepare(new ActionPreparation("t", "tasks.t", taskOptions, options, new FlowRegistry(), diagnostics));
        return diagnostics;
    }

    public static ValueTask<TaskResult> Run(FlowAction action, Dictionary<string, object?> parameters, FlowEngineOptions options, CancellationToken cancellationToken = default) =>
        action.ExecuteAsync(TaskContext.ForTest("t", parameters, options: options, cancellationToken: cancellationToken));

    /// <summary>Runs an attempt that must fail by throwing <see cref="TaskFailedException"/>.</summary>
    public static async Task<TaskFailedException> Refused(FlowAction action, Dictionary<string, object?> parameters, FlowEngineOptions options) =>
        await Assert.ThrowsAsync<TaskFailedException>(async () => await Run(action, parameters, options));

    public static Dictionary<string, object?> Output(TaskResult result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return Assert.IsType<Dictionary<string, object?>>(result.Output);
    }

    public static List<object?> List(params object?[] items) => [.. items];
}
