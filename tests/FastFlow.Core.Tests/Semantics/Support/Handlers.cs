namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>Typed handler shapes, so lambdas never fall into an ambiguous builder overload.</summary>
internal static class Handlers
{
    public static TaskHandler Sync(Func<TaskContext, TaskResult> body) => context => body(context);

    public static TaskHandler Async(Func<TaskContext, Task<TaskResult>> body) => context => new ValueTask<TaskResult>(body(context));

    public static TaskHandler Succeed(object? output = null) => _ => TaskResult.Success(output);

    public static TaskHandler Fail(ErrorCategory category = ErrorCategory.Permanent, string message = "boom") =>
        _ => TaskResult.Failure(category, message);

    /// <summary>Waits at <paramref name="gate"/>, honouring the attempt's token, then succeeds.</summary>
    public static TaskHandler Held(Gate gate, object? output = null) => Async(async context =>
    {
        await gate.PassAsync(context.CancellationToken);
        return TaskResult.Success(output);
    });

    /// <summary>Waits at <paramref name="gate"/> ignoring the attempt's token, then succeeds.</summary>
    public static TaskHandler Stubborn(Gate gate, object? output = null) => Async(async context =>
    {
        await gate.PassAsync();
        return TaskResult.Success(output);
    });

    /// <summary>Waits for its token (a timeout or a cancellation), then lets the cancellation surface.</summary>
    public static TaskHandler UntilCancelled() => Async(async context =>
    {
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return TaskResult.Success();
    });
}
