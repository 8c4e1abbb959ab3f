using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: pause — nothing new starts, what is running finishes; resume continues.</summary>
public sealed class PauseResumeTests
{
    [Fact]
    public async Task Pause_lets_the_running_task_finish_starts_nothing_new_and_resume_continues()
    {
        await using var harness = new Harness();
        var gate = new Gate();
        var tokenFired = false;
        var handle = new TaskCompletionSource<RunHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
        var statusSeenByB = new TaskCompletionSource<RunStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("pause");
        var a = flow.Task("a", Handlers.Async(async ctx =>
        {
            _ = ctx.CancellationToken.Register(() => tokenFired = true);
            await gate.PassAsync(ctx.CancellationToken);
            return TaskResult.Success("finished while paused");
        }));
        flow.Task("b", Handlers.Async(async _ =>
        {
            statusSeenByB.TrySetResult((await handle.Task).Status);
            return TaskResult.Success();
        })).DependsOn(a);

        var run = await harness.StartAsync(flow);
        handle.SetResult(run);
        await gate.Entered.Guarded();
        run.Pause();
        Assert.Equal(RunStatus.Paused, run.Status);
        await harness.Log.WaitFor(FlowEventType.WorkflowPaused);

        gate.Open();
        await harness.Log.WaitFor(FlowEventType.TaskCompleted, "a");
        Assert.False(tokenFired);
        Assert.Equal(FlowTaskStatus.Completed, run.GetTaskStatus("a"));
        Assert.Equal(RunStatus.Paused, run.Status);
        Assert.False(statusSeenByB.Task.IsCompleted);
        Assert.False(run.Completion.IsCompleted);

        run.Resume();
        Assert.Equal(RunStatus.Running, await statusSeenByB.Task.Guarded());
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("finished while paused", result.GetTask("a").Output);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("b").Status);
        var runEvents = harness.Log.Snapshot().Where(e => e.TaskId is null).Select(e => e.Type);
        Assert.Equal(
            [FlowEventType.WorkflowCreated, FlowEventType.WorkflowStarted, FlowEventType.WorkflowPaused, FlowEventType.WorkflowResumed, FlowEventType.WorkflowCompleted],
            runEvents);
    }

    [Fact]
    public async Task A_run_whose_last_task_ends_while_paused_completes_on_resume()
    {
        await using var harness = new Harness();
        var gate = new Gate();
        var flow = new WorkflowBuilder("pause-last");
        flow.Task("a", Handlers.Held(gate));

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        run.Pause();
        gate.Open();
        await harness.Log.WaitFor(FlowEventType.TaskCompleted, "a");
        Assert.Equal(RunStatus.Paused, run.Status);

        run.Resume();
        Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
    }

    [Fact]
    public async Task A_retriable_failure_while_paused_is_retried_after_resume_instead_of_failing_the_run()
    {
        await using var harness = new Harness();
        var gate = new Gate();
        var flow = new WorkflowBuilder("pause-retry");
        flow.Task("a", Handlers.Async(async ctx =>
        {
            if (ctx.Attempt == 1)
            {
                await gate.PassAsync();
                return TaskResult.Failure(ErrorCategory.Transient, "flaky");
            }

            return TaskResult.Success("second attempt");
        })).Retry(maxAttempts: 3);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        run.Pause();
        gate.Open();
        await harness.Log.WaitFor(e => e.TaskId == "a" && e.Type is FlowEventType.TaskRetrying or FlowEventType.TaskFailed);

        // Pausing must not spend the retry policy: the run stays paused, the task is not failed for good.
        Assert.Equal(RunStatus.Paused, run.Status);
        Assert.NotEqual(FlowTaskStatus.Failed, run.GetTaskStatus("a"));

        run.Resume();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.GetTask("a").Attempts);
    }

    [Fact]
    public async Task Under_max_concurrency_a_queued_task_does_not_start_while_paused()
    {
        await using var harness = new Harness();
        var gate = new Gate();
        var started = new TaskCompletionSource<RunStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = new TaskCompletionSource<RunHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("pause-gated").MaxConcurrency(1);
        flow.Task("a", Handlers.Held(gate));
        flow.Task("queued", Handlers.Async(async _ =>
        {
            started.TrySetResult((await handle.Task).Status);
            return TaskResult.Success();
        }));

        var run = await harness.StartAsync(flow);
        handle.SetResult(run);
        await gate.Entered.Guarded();
        run.Pause();
        gate.Open();
        await harness.Log.WaitFor(FlowEventType.TaskCompleted, "a");
        Assert.False(started.Task.IsCompleted);

        run.Resume();
        Assert.Equal(RunStatus.Running, await started.Task.Guarded());
        Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
    }

    [Fact]
    public async Task A_retry_that_comes_due_while_paused_starts_only_after_resume()
    {
        await using var harness = new Harness(observe: false);
        var handle = new TaskCompletionSource<RunHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondAttempt = new TaskCompletionSource<RunStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("pause-retry-due");
        flow.Task("a", Handlers.Async(async ctx =>
        {
            if (ctx.Attempt == 1)
            {
                return TaskResult.Failure(ErrorCategory.Transient, "again");
            }

            secondAttempt.TrySetResult((await handle.Task).Status);
            return TaskResult.Success();
        })).Retry(maxAttempts: 2, baseDelaySeconds: 10, jitter: false);

        var run = await harness.StartAsync(flow);
        handle.SetResult(run);
        Assert.Equal(TimeSpan.FromSeconds(10), await harness.Clock.NextArmAsync());
        run.Pause();
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Paused, run.Status);

        run.Resume();
        Assert.Equal(RunStatus.Running, await secondAttempt.Task.Guarded());
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.GetTask("a").Attempts);
    }
}
