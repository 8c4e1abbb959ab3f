namespace FastFlow.Server.Requests;

/// <summary>Counts the replies still being worked on after their request was dispatched (waits,
/// durable writes), so that the server can let them finish when it stops.</summary>
internal sealed class BackgroundReplies
{
    private readonly object _gate = new();
    private int _running;
    private TaskCompletionSource? _idle;

    /// <summary>Runs <paramref name="work"/> without the caller waiting; it must catch its own failures.</summary>
    public void Run(Func<Task> work)
    {
        lock (_gate)
        {
            _running++;
        }

        _ = RunAsync(work);
    }

    /// <summary>Completes once no reply is being worked on.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_running == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    private async Task RunAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            TaskCompletionSource? idle = null;
            lock (_gate)
            {
                if (--_running == 0)
                {
                    idle = _idle;
                    _idle = null;
                }
            }

            idle?.TrySetResult();
        }
    }
}
