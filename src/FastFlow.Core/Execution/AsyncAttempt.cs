namespace FastFlow.Execution;

/// <summary>Waits for an asynchronous handler without holding a thread: the continuation runs
/// on whatever thread completes the handler and reports back to the run.</summary>
internal sealed class AsyncAttempt(RunExecution run, int task, int attempt, int generation, ValueTask<TaskResult> pending)
{
    public void Start() =>
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnCompleted);

    private void OnCompleted()
    {
        TaskResult result;
        try
        {
            result = pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            result = run.ResultOf(ex, task);
        }

        try
        {
            run.OnAsyncAttemptEnded(task, attempt, generation, result);
        }
        catch (Exception ex)
        {
            // Only a failing store of a durable engine gets here; on a pool thread it must not end the process.
            run.ReportFault(ex);
        }
    }
}
