using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: cancel graceful (running handlers get their token and may finish) or
/// forced (abandoned immediately); tasks that never started end cancelled.</summary>
public sealed class CancelTests
{
    [Fact]
    public async Task Graceful_cancel_gives_running_handlers_their_token_and_waits_for_them_to_finish()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var tokenFired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterRan = 0;
        var flow = new WorkflowBuilder("graceful");
        var a = flow.Task("a", Handlers.Async(async ctx =>
        {
            _ = ctx.CancellationToken.Register(() => tokenFired.TrySetResult());
            // Cleans up after its token fired, then finishes.
            await gate.PassAsync();
            return TaskResult.Success("cleaned up");
        }));
        flow.Task("later", Handlers.Sync(_ => { Interlocked.Increment(ref laterRan); return TaskResult.Success(); })).DependsOn(a);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        run.Cancel(CancelMode.Graceful);

        await tokenFired.Task.Guarded();
        // The handler still runs, so the run has not ended.
        Assert.False(run.Completion.IsCompleted);

        gate.Open();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("later").Status);
        Assert.Equal(0, laterRan);
    }

    [Fact]
    public async Task Graceful_cancel_of_a_handler_that_stops_on_its_token_ends_the_task_cancelled()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var flow = new WorkflowBuilder("graceful-honoured");
        flow.Task("a", Handlers.Held(gate));
        flow.Task("b", Handlers.Held(new Gate())).DependsOn("a");

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        run.Cancel();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("b").Status);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task Forced_cancel_ends_the_run_at_once_while_a_handler_blocks_its_thread()
    {
        await using var harness = new Harness(observe: false);
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("forced");
        var a = flow.Task("a", Handlers.Sync(_ =>
        {
            entered.TrySetResult();
            release.Wait(Guard.Timeout);
            return TaskResult.Success("too late");
        }));
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        try
        {
            var run = await harness.StartAsync(flow);
            await entered.Task.Guarded();
            run.Cancel(CancelMode.Forced);

            var result = await run.Completion.Guarded();
            Assert.False(release.IsSet);
            Assert.Equal(RunStatus.Cancelled, result.Status);
            Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("a").Status);
            Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("b").Status);

            // The abandoned handler's late result changes nothing.
            release.Set();
            Assert.Equal(FlowTaskStatus.Cancelled, run.GetSnapshot().GetTask("a").Status);
            Assert.Null(run.GetSnapshot().GetTask("a").Output);
            Assert.Equal(RunStatus.Cancelled, run.Status);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task Cancel_ends_a_task_waiting_for_its_retry_delay_without_waiting_for_the_delay()
    {
        await using var harness = new Harness(observe: false);
        var calls = 0;
        var flow = new WorkflowBuilder("cancel-retry");
        flow.Task("a", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref calls);
            return TaskResult.Failure(ErrorCategory.Transient, "again");
        })).Retry(maxAttempts: 3, baseDelaySeconds: 600, jitter: false);

        var run = await harness.StartAsync(flow);
        await harness.Clock.NextArmAsync();
        run.Cancel();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("a").Status);
        harness.Clock.Advance(TimeSpan.FromSeconds(600));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_pending_run_can_be_cancelled_and_never_starts()
    {
        await using var harness = new Harness(observe: false, configure: o => { o.MaxActiveRuns = 1; o.MaxQueuedRuns = 4; });
        var gate = new Gate();
        var queuedRan = 0;
        var first = new WorkflowBuilder("first");
        first.Task("a", Handlers.Held(gate));
        var queued = new WorkflowBuilder("queued");
        queued.Task("q", Handlers.Sync(_ => { Interlocked.Increment(ref queuedRan); return TaskResult.Success(); }));
        var third = new WorkflowBuilder("third");
        third.Task("t", Handlers.Succeed());

        var running = await harness.StartAsync(first);
        await gate.Entered.Guarded();
        var pending = await harness.StartAsync(queued);
        Assert.Equal(RunStatus.Pending, pending.Status);
        Assert.Throws<InvalidRunTransitionException>(() => pending.Pause());
        Assert.Throws<InvalidRunTransitionException>(() => pending.Resume());

        pending.Cancel();
        var cancelled = await pending.Completion.Guarded();
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.StartedAt);

        var later = await harness.StartAsync(third);
        gate.Open();
        Assert.Equal(RunStatus.Completed, (await running.Completion.Guarded()).Status);
        Assert.Equal(RunStatus.Completed, (await later.Completion.Guarded()).Status);
        Assert.Equal(0, queuedRan);
        Assert.Equal(FlowTaskStatus.Cancelled, cancelled.GetTask("q").Status);
    }

    [Fact]
    public async Task Cancelling_a_paused_run_cancels_what_was_held()
    {
        await using var harness = new Harness();
        var gate = new Gate();
        var flow = new WorkflowBuilder("cancel-paused");
        var a = flow.Task("a", Handlers.Stubborn(gate));
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        run.Pause();
        gate.Open();
        // a finishes while paused; b is held.
        await harness.Log.WaitFor(FlowEventType.TaskCompleted, "a");
        Assert.Equal(RunStatus.Paused, run.Status);
        run.Cancel();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("b").Status);
    }

    [Fact]
    public async Task A_graceful_cancel_that_a_handler_ignores_can_be_forced()
    {
        await using var harness = new Harness(observe: false);
        var stuck = new Gate();
        var flow = new WorkflowBuilder("escalate");
        flow.Task("a", Handlers.Stubborn(stuck));

        var run = await harness.StartAsync(flow);
        await stuck.Entered.Guarded();
        run.Cancel(CancelMode.Graceful);
        Assert.False(run.Completion.IsCompleted);

        run.Cancel(CancelMode.Forced);
        var result = await run.Completion.Guarded();

        Assert.False(stuck.IsOpen);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("a").Status);
        stuck.Open();
    }
}
