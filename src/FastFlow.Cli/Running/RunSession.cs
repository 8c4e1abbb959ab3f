using System.Threading.Channels;
using FastFlow.Events;

namespace FastFlow.Cli.Running;

/// <summary>One local run from start to end: events to the display, Ctrl-C and <c>--timeout</c> to
/// cancellations, and a pause (which nobody can resume locally) to the end of the command.</summary>
internal static class RunSession
{
    /// <summary>How long a run cancelled by <c>--timeout</c> may take to wind down before it is forced.</summary>
    private static readonly TimeSpan s_forceAfter = TimeSpan.FromSeconds(5);

    public static async Task<RunOutcome> RunAsync(
        FlowEngine engine,
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?> inputs,
        IRunDisplay display,
        TimeSpan? timeout)
    {
        // The id is chosen here so that the subscription exists before the run's first event.
        var runId = Guid.CreateVersion7().ToString("N");
        var progress = new RunProgress(workflow.Definition, runId);
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
        }, runId);
        var showing = display.ShowAsync(events.Reader, progress);
        try
        {
            using var interrupts = new InterruptHandler(control.OnInterrupt);
            var handle = await engine.StartAsync(workflow, inputs, new RunOptions { RunId = runId, CoerceInputStrings = true }).ConfigureAwait(false);
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
