using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: timeout_seconds per attempt (the handler's token fires, the attempt ends
/// as timeout, then retry rules apply) and the whole-run deadline.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task The_handlers_token_fires_exactly_at_the_attempt_deadline()
    {
        await using var harness = new Harness(observe: false);
        var firedAt = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("attempt-timeout");
        flow.Task("t", Handlers.Async(async ctx =>
        {
            entered.TrySetResult();
            // Not disposed: the handler's own cancellation may unwind before this callback runs.
            _ = ctx.CancellationToken.Register(() => firedAt.TrySetResult(harness.Clock.Elapsed));
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
            return TaskResult.Success();
        })).Timeout(5);

        var run = await harness.StartAsync(flow);
        await entered.Task.Guarded();
        Assert.Equal(TimeSpan.FromSeconds(5), await harness.Clock.NextArmAsync());
        harness.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(firedAt.Task.IsCompleted);
        Assert.Equal(FlowTaskStatus.InProgress, run.GetTaskStatus("t"));

        harness.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(TimeSpan.FromSeconds(5), await firedAt.Task.Guarded());
        var result = await run.Completion.Guarded();

        Assert.Equal(FlowTaskStatus.Timeout, result.GetTask("t").Status);
        Assert.Equal(ErrorCategory.Timeout, result.GetTask("t").Error!.Category);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Timeout, result.Error!.Category);
    }

    [Fact]
    public async Task An_attempt_ends_as_timeout_even_if_the_handler_ignores_its_token_and_the_run_goes_on()
    {
        await using var harness = new Harness(observe: false);
        var stuck = new Gate();
        var flow = new WorkflowBuilder("stubborn");
        var t = flow.Task("t", Handlers.Stubborn(stuck, "late output")).Timeout(2).OnFailure(FailurePolicy.Skip);
        flow.Task("after", Handlers.Succeed()).DependsOn(t).Trigger(TriggerRule.AllDone);

        var run = await harness.StartAsync(flow);
        await stuck.Entered.Guarded();
        await harness.Clock.AdvanceToNextTimerAsync();
        var result = await run.Completion.Guarded();

        // The run ended while the handler still sat at its gate.
        Assert.False(stuck.IsOpen);
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Timeout, result.GetTask("t").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("after").Status);

        // Its late success changes nothing.
        stuck.Open();
        Assert.Equal(FlowTaskStatus.Timeout, run.GetTaskStatus("t"));
        Assert.Equal(FlowTaskStatus.Timeout, run.GetSnapshot().GetTask("t").Status);
        Assert.Null(run.GetSnapshot().GetTask("t").Output);
    }

    [Fact]
    public async Task A_stubborn_handler_past_its_deadline_fails_the_run_under_on_failure_fail()
    {
        await using var harness = new Harness(observe: false);
        var stuck = new Gate();
        var flow = new WorkflowBuilder("stubborn-fail");
        flow.Task("t", Handlers.Stubborn(stuck)).Timeout(3);

        var run = await harness.StartAsync(flow);
        await stuck.Entered.Guarded();
        await harness.Clock.AdvanceToNextTimerAsync();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Timeout, result.Error!.Category);
        Assert.Equal(FlowTaskStatus.Timeout, result.GetTask("t").Status);
        stuck.Open();
    }

    [Fact]
    public async Task Timed_out_attempts_are_retried_by_default_and_each_gets_a_fresh_token()
    {
        await using var harness = new Harness();
        var entered = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var flow = new WorkflowBuilder("timeout-retry");
        flow.Task("t", Handlers.Async(async ctx =>
        {
            entered[ctx.Attempt].TrySetResult(ctx.CancellationToken.IsCancellationRequested);
            if (ctx.Attempt < 3)
            {
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
            }

            return TaskResult.Success(ctx.Attempt);
        })).Timeout(1).Retry(maxAttempts: 3);

        var run = await harness.StartAsync(flow);
        for (var attempt = 1; attempt < 3; attempt++)
        {
            // Each attempt starts with a live token of its own.
            Assert.False(await entered[attempt].Task.Guarded());
            await AdvancePastNextNonZeroTimer(harness.Clock, TimeSpan.FromSeconds(1));
        }

        var result = await run.Completion.Guarded();

        Assert.False(await entered[3].Task.Guarded());
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(3, result.GetTask("t").Attempts);
        Assert.Equal(3L, result.GetTask("t").Output);
        var retrying = harness.Log.Snapshot().Where(e => e.Type == FlowEventType.TaskRetrying).ToArray();
        Assert.Equal(2, retrying.Length);
        Assert.All(retrying, e => Assert.Equal(ErrorCategory.Timeout, e.Error!.Category));
    }

    [Fact]
    public async Task A_timeout_is_not_retried_when_retriable_errors_leave_it_out()
    {
        await using var harness = new Harness(observe: false);
        harness.Engine.RegisterHandler("slow", Handlers.UntilCancelled());
        var definition = Yaml.Load("""
            id: timeout-not-retriable
            tasks:
              t:
                handler: slow
                timeout_seconds: 4
                on_failure: skip
                retry: { max_attempts: 3, retriable_errors: [transient] }
            """);

        var run = await harness.StartAsync(definition);
        Assert.Equal(TimeSpan.FromSeconds(4), await harness.Clock.AdvanceToNextTimerAsync());
        var result = await run.Completion.Guarded();

        Assert.Equal(FlowTaskStatus.Timeout, result.GetTask("t").Status);
        Assert.Equal(1, result.GetTask("t").Attempts);
        Assert.Equal(RunStatus.Completed, result.Status);
    }

    [Fact]
    public async Task An_attempt_that_ends_in_time_is_not_touched_by_its_old_deadline()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var flow = new WorkflowBuilder("in-time");
        var first = flow.Task("first", Handlers.Succeed("done")).Timeout(10);
        flow.Task("second", Handlers.Held(gate)).DependsOn(first);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(FlowTaskStatus.Completed, run.GetTaskStatus("first"));
        gate.Open();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("done", result.GetTask("first").Output);
    }

    [Fact]
    public async Task A_run_past_its_deadline_fails_with_category_timeout_and_in_flight_handlers_are_cancelled()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var tokenFired = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("deadline").Timeout(60);
        var a = flow.Task("a", Handlers.Async(async ctx =>
        {
            // Not disposed: the handler's own cancellation may unwind before this callback runs.
            _ = ctx.CancellationToken.Register(() => tokenFired.TrySetResult(harness.Clock.Elapsed));
            await gate.PassAsync(ctx.CancellationToken);
            return TaskResult.Success();
        }));
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        Assert.Equal(TimeSpan.FromSeconds(60), await harness.Clock.AdvanceToNextTimerAsync());

        var result = await run.Completion.Guarded();
        Assert.Equal(TimeSpan.FromSeconds(60), await tokenFired.Task.Guarded());
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Timeout, result.Error!.Category);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("b").Status);
        Assert.Equal(TestClock.Origin + TimeSpan.FromSeconds(60), result.CompletedAt);
    }

    [Fact]
    public async Task A_run_deadline_does_not_wait_for_a_handler_that_ignores_its_token()
    {
        await using var harness = new Harness(observe: false);
        var stuck = new Gate();
        var flow = new WorkflowBuilder("deadline-stubborn").Timeout(10);
        flow.Task("a", Handlers.Stubborn(stuck));

        var run = await harness.StartAsync(flow);
        await stuck.Entered.Guarded();
        await harness.Clock.AdvanceToNextTimerAsync();
        var result = await run.Completion.Guarded();

        Assert.False(stuck.IsOpen);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Timeout, result.Error!.Category);
        stuck.Open();
    }

    private static async Task AdvancePastNextNonZeroTimer(TestClock clock, TimeSpan expected)
    {
        TimeSpan delay;
        do
        {
            delay = await clock.NextArmAsync();
        }
        while (delay == TimeSpan.Zero);

        Assert.Equal(expected, delay);
        clock.Advance(delay);
    }
}
