using System.Threading.Channels;
using FastFlow.Events;

namespace FastFlow.Cli.Running;

/// <summary>One run from start to end: events to the display, Ctrl-C and <c>--timeout</c> to
/// cancellations, and a pause (which only a later <c>resume</c> can end) to the end of the command.</summary>
internal static class RunSession
{
    /// <summary>How long a run cancelled by <c>--timeout</c> may take to wind down before it is forced.</summary>
    private static readonly TimeSpan s_forceAfter = TimeSpan.FromSeconds(5);

    /// <summary>Starts a new run of <paramref name="workflow"/> and follows it.</summary>
    /// <param name="engine">The engine to run on.</param>
    /// <param name="workflow">The compiled definition.</param>
    /// <param name="inputs">The run's inputs.</param>
    /// <param name="display">How the run is shown while it goes.</param>
    /// <param name="timeout">When to cancel it; null for never.</param>
    /// <param name="runId">The run's id; a new time-ordered one when null.</param>
    public static Task<RunOutcome> RunAsync(
        FlowEngine engine,
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?> inputs,
        IRunDisplay display,
        TimeSpan? timeout,
        string? runId = null)
    {
        // The id is chosen here so that the subscription exists before the run's first event.
        runId ??= Guid.CreateVersion7().ToString("N");
        var progress = new RunProgress(workflow.Definition, runId);
        var options = new RunOptions { RunId = runId, CoerceInputStrings = true };
        return FollowAsync(engine, progress, () => engine.StartAsync(workflow, inputs, options), display, timeout);
    }

    /// <summary>Follows the run of <paramref name="progress"/>, which <paramref name="start"/> starts,
    /// resumes or cancels once the events are subscribed to, until it ends or pauses.</summary>
    public static async Task<RunOutcome> FollowAsync(
        FlowEngine engine,
        RunProgress progress,
        Func<ValueTask<RunHandle>> start,
        IRunDisplay display,
        TimeSpan? timeout)
    {
        var events = Channel.CreateUnbounded<FlowEvent>(new UnboundedChannelOptions { SingleReader = true });
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var control = new RunControl(display);
        var subscription = engine.Subscribe(flowEvent =>
        {
            events.Writer.TryWrite(flowEvent);
            if (flowEvent.Type == FlowEventType.WorkflowPaused)
            {
                paused.TrySetResult();
            }
        }, progress.RunId);
        var showing = display.ShowAsync(events.Reader, progress);
        try
        {
            using var interrupts = new InterruptHandler(control.OnInterrupt);
            var handle = await start().ConfigureAwait(false);
            control.Attach(handle);
            var ended = await WaitAsync(handle, paused.Task, control, timeout).ConfigureAwait(false);
            return new RunOutcome(ended, progress, control.Interrupted, control.TimedOut);
        }
        finally
        {
            subscription.Dispose();
            events.Writer.TryComplete();
            await showing.ConfigureAwait(false);
        }
    }

    /// <summary>The final result, or the snapshot of a paused run.</summary>
    private static async Task<RunResult> WaitAsync(RunHandle handle, Task paused, RunControl control, TimeSpan? timeout)
    {
        var completion = handle.Completion;
        using var stopTimer = new CancellationTokenSource();
        var deadline = Task.Delay(timeout ?? Timeout.InfiniteTimeSpan, stopTimer.Token);
        try
        {
            var first = await Task.WhenAny(completion, paused, deadline).ConfigureAwait(false);
            if (first == deadline)
            {
                control.OnTimeout(timeout!.Value);
                if (await Task.WhenAny(completion, Task.Delay(s_forceAfter, stopTimer.Token)).ConfigureAwait(false) != completion)
                {
                    control.Force();
                }

                first = await Task.WhenAny(completion, paused).ConfigureAwait(false);
            }

            return first == completion ? await completion.ConfigureAwait(false) : handle.GetSnapshot();
        }
        finally
        {
            await stopTimer.CancelAsync().ConfigureAwait(false);
        }
    }
}
