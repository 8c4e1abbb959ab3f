namespace FastFlow;

/// <summary>A task's code. Return synchronously when you can: a completed
/// <see cref="ValueTask{TResult}"/> costs nothing. Honour <see cref="TaskContext.CancellationToken"/>:
/// it fires on timeout and on cancellation.</summary>
/// <param name="context">The attempt: its parameters, inputs, idempotency key and token.</param>
public delegate ValueTask<TaskResult> TaskHandler(TaskContext context);
