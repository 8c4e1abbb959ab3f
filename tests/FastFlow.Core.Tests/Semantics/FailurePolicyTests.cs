using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: on_failure of a task once its retries are spent — fail, skip, pause,
/// compensate — and the workflow-level policy for tasks whose own policy is fail.</summary>
public sealed class FailurePolicyTests
{
    private static readonly CompensationDefinition s_undo = new() { Handler = "undo" };

    /// <summary>Registers <c>undo</c>, which records the id of the task it compensates.</summary>
    private static List<string> RegisterUndo(Harness harness)
    {
        var undone = new List<string>();
        harness.Engine.RegisterHandler("undo", Handlers.Sync(ctx =>
        {
            lock (undone)
            {
                undone.Add(ctx.TaskId);
            }

            return TaskResult.Success();
        }));
        return undone;
    }

    [Fact]
    public async Task Fail_fails_the_run_and_the_token_of_a_blocked_sibling_fires()
    {
        await using var harness = new Harness(observe: false);
        var sibling = new Gate();
        var siblingToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("fail");
        var a = flow.Task("a", Handlers.Async(async _ =>
        {
            await sibling.Entered;
            return TaskResult.Failure(ErrorCategory.Business, "rejected");
        }));
        flow.Task("b", Handlers.Async(async ctx =>
        {
            _ = ctx.CancellationToken.Register(() => siblingToken.TrySetResult());
            await sibling.PassAsync(ctx.CancellationToken);
            return TaskResult.Success();
        }));
        flow.Task("c", Handlers.Succeed()).DependsOn(a);

        var result = await harness.RunAsync(flow);

        await siblingToken.Task.Guarded();
        Assert.False(sibling.IsOpen);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Business, result.Error!.Category);
        Assert.Contains("rejected", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("b").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("c").Status);
    }

    [Fact]
    public async Task Skip_leaves_the_task_failed_and_the_run_goes_on_to_complete()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("skip");
        var a = flow.Task("a", Handlers.Fail(ErrorCategory.Permanent, "bad row")).OnFailure(FailurePolicy.Skip);
        flow.Task("needs_a", Handlers.Succeed()).DependsOn(a);
        flow.Task("after_a", Handlers.Succeed()).DependsOn(a).Trigger(TriggerRule.AllDone);
        flow.Task("independent", Handlers.Succeed());

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Null(result.Error);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("a").Status);
        Assert.Equal("bad row", result.GetTask("a").Error!.Message);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("needs_a").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("after_a").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("independent").Status);
    }

    [Fact]
    public async Task Pause_pauses_the_run_and_resume_retries_the_task_as_a_new_attempt()
    {
        await using var harness = new Harness();
        var keys = new List<string>();
        var flow = new WorkflowBuilder("pause");
        var a = flow.Task("a", Handlers.Sync(ctx =>
        {
            lock (keys)
            {
                keys.Add(ctx.IdempotencyKey);
            }

            return ctx.Attempt == 1 ? TaskResult.Failure(ErrorCategory.Permanent, "needs a person") : TaskResult.Success("fixed");
        })).OnFailure(FailurePolicy.Pause);
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        var run = await harness.StartAsync(flow);
        await harness.Log.WaitFor(FlowEventType.WorkflowPaused);

        Assert.Equal(RunStatus.Paused, run.Status);
        Assert.Equal(FlowTaskStatus.Failed, run.GetTaskStatus("a"));
        Assert.Equal(FlowTaskStatus.Pending, run.GetTaskStatus("b"));
        Assert.False(run.Completion.IsCompleted);

        run.Resume();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.GetTask("a").Attempts);
        Assert.Equal("fixed", result.GetTask("a").Output);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("b").Status);
        Assert.Equal([$"{run.RunId}/a/1", $"{run.RunId}/a/2"], keys);
        await harness.Log.WaitFor(FlowEventType.WorkflowResumed);
    }

    [Fact]
    public async Task Pause_then_skip_skips_the_task_and_the_run_continues_by_the_trigger_rules()
    {
        await using var harness = new Harness();
        var calls = 0;
        var flow = new WorkflowBuilder("pause-skip");
        var a = flow.Task("a", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref calls);
            return TaskResult.Failure(ErrorCategory.Permanent, "no");
        })).OnFailure(FailurePolicy.Pause);
        flow.Task("needs_a", Handlers.Succeed()).DependsOn(a);
        flow.Task("none_failed", Handlers.Succeed()).DependsOn(a).Trigger(TriggerRule.NoneFailed);

        var run = await harness.StartAsync(flow);
        await harness.Log.WaitFor(FlowEventType.WorkflowPaused);
        run.Skip("a");
        var result = await run.Completion.Guarded();

        Assert.Equal(1, calls);
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("needs_a").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("none_failed").Status);
    }

    [Fact]
    public async Task Skip_of_a_task_that_is_not_waiting_for_a_decision_is_refused()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var flow = new WorkflowBuilder("skip-refused");
        flow.Task("a", Handlers.Held(gate));

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();

        Assert.Throws<InvalidOperationException>(() => run.Skip("a"));
        Assert.Throws<KeyNotFoundException>(() => run.Skip("nope"));
        gate.Open();
        Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
    }

    [Fact]
    public async Task Compensate_undoes_completed_tasks_in_reverse_completion_order_and_fails_the_run()
    {
        await using var harness = new Harness();
        var undone = RegisterUndo(harness);
        var gates = new Dictionary<string, Gate> { ["x"] = new(), ["y"] = new(), ["z"] = new() };
        var flow = new WorkflowBuilder("saga");
        var steps = gates.Keys.Select(id => flow.Task(id, Handlers.Held(gates[id], id)).Compensation(s_undo)).ToArray();
        flow.Task("plain", Handlers.Succeed());
        var boom = flow.Task("boom", Handlers.Fail(ErrorCategory.Permanent, "card declined")).DependsOn(steps).OnFailure(FailurePolicy.Compensate);
        flow.Task("after", Handlers.Succeed()).DependsOn(boom).Trigger(TriggerRule.AllDone);

        var run = await harness.StartAsync(flow);
        foreach (var id in new[] { "y", "z", "x" })
        {
            await gates[id].Entered.Guarded();
            gates[id].Open();
            await harness.Log.WaitFor(FlowEventType.TaskCompleted, id);
        }

        var result = await run.Completion.Guarded();

        Assert.Equal(["x", "z", "y"], undone);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Contains("card declined", result.Error.Message, StringComparison.Ordinal);
        Assert.All(["x", "y", "z"], id => Assert.Equal(FlowTaskStatus.Compensated, result.GetTask(id).Status));
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("plain").Status);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("boom").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("after").Status);
    }

    [Fact]
    public async Task Compensate_cancels_a_task_still_in_flight_and_does_not_undo_it()
    {
        await using var harness = new Harness(observe: false);
        var undone = RegisterUndo(harness);
        var slow = new Gate();
        var flow = new WorkflowBuilder("saga-in-flight");
        var done = flow.Task("done", Handlers.Succeed()).Compensation(s_undo);
        flow.Task("slow", Handlers.Held(slow)).Compensation(s_undo);
        flow.Task("boom", Handlers.Async(async _ =>
        {
            await slow.Entered;
            return TaskResult.Failure(ErrorCategory.Permanent, "boom");
        })).DependsOn(done).OnFailure(FailurePolicy.Compensate);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["done"], undone);
        Assert.Equal(FlowTaskStatus.Compensated, result.GetTask("done").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("slow").Status);
    }

    [Fact]
    public async Task Workflow_level_compensate_applies_to_tasks_whose_own_policy_is_fail()
    {
        await using var harness = new Harness(observe: false);
        var undone = RegisterUndo(harness);
        var flow = new WorkflowBuilder("saga-workflow").OnFailure(FailurePolicy.Compensate);
        var first = flow.Task("first", Handlers.Succeed()).Compensation(s_undo);
        var second = flow.Task("second", Handlers.Succeed()).Compensation(s_undo).DependsOn(first);
        flow.Task("third", Handlers.Fail()).DependsOn(second);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["second", "first"], undone);
        Assert.Equal(FlowTaskStatus.Compensated, result.GetTask("first").Status);
        Assert.Equal(FlowTaskStatus.Compensated, result.GetTask("second").Status);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("third").Status);
    }

    [Fact]
    public async Task A_task_level_skip_wins_over_the_workflow_level_compensate()
    {
        await using var harness = new Harness(observe: false);
        var undone = RegisterUndo(harness);
        var flow = new WorkflowBuilder("skip-over-saga").OnFailure(FailurePolicy.Compensate);
        var first = flow.Task("first", Handlers.Succeed()).Compensation(s_undo);
        flow.Task("optional", Handlers.Fail()).DependsOn(first).OnFailure(FailurePolicy.Skip);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Empty(undone);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("first").Status);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("optional").Status);
    }

    [Fact]
    public async Task Workflow_level_pause_applies_to_tasks_whose_own_policy_is_fail()
    {
        await using var harness = new Harness();
        var flow = new WorkflowBuilder("pause-workflow").OnFailure(FailurePolicy.Pause);
        flow.Task("a", Handlers.Sync(ctx => ctx.Attempt == 1 ? TaskResult.Failure(ErrorCategory.Permanent, "once") : TaskResult.Success()));

        var run = await harness.StartAsync(flow);
        await harness.Log.WaitFor(FlowEventType.WorkflowPaused);
        Assert.Equal(RunStatus.Paused, run.Status);

        run.Resume();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.GetTask("a").Attempts);
    }

    [Fact]
    public async Task Workflow_level_policies_load_from_yaml()
    {
        await using var harness = new Harness(observe: false);
        var undone = RegisterUndo(harness);
        harness.Engine.RegisterHandler("ok", Handlers.Succeed());
        harness.Engine.RegisterHandler("bad", Handlers.Fail());
        var definition = Yaml.Load("""
            id: saga-yaml
            on_failure: compensate
            tasks:
              book: { handler: ok, compensation: { handler: undo } }
              pay: { handler: bad, dependencies: [book] }
            """);

        var result = await harness.RunAsync(definition);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["book"], undone);
        Assert.Equal(FlowTaskStatus.Compensated, result.GetTask("book").Status);
    }

    [Fact]
    public async Task Pause_comes_once_retries_are_spent_and_resume_makes_a_new_attempt()
    {
        await using var harness = new Harness();
        var flow = new WorkflowBuilder("pause-after-retries");
        flow.Task("a", Handlers.Sync(ctx => ctx.Attempt <= 3 ? TaskResult.Failure(ErrorCategory.Transient, "down") : TaskResult.Success("up")))
            .Retry(maxAttempts: 3).OnFailure(FailurePolicy.Pause);

        var run = await harness.StartAsync(flow);
        await harness.Log.WaitFor(FlowEventType.WorkflowPaused);
        Assert.Equal(3, run.GetSnapshot().GetTask("a").Attempts);

        run.Resume();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(4, result.GetTask("a").Attempts);
        Assert.Equal("up", result.GetTask("a").Output);
    }

    [Fact]
    public async Task A_compensation_reads_the_output_of_the_task_it_undoes()
    {
        await using var harness = new Harness(observe: false);
        var cancelled = new List<object?>();
        harness.Engine.RegisterHandler("book", Handlers.Succeed(new Dictionary<string, object?> { ["booking"] = "B-42" }));
        harness.Engine.RegisterHandler("unbook", Handlers.Sync(ctx =>
        {
            lock (cancelled)
            {
                cancelled.Add(ctx.GetParameter("booking"));
            }

            return TaskResult.Success();
        }));
        var definition = Yaml.Load("""
            id: saga-parameters
            tasks:
              reserve:
                handler: book
                compensation:
                  handler: unbook
                  parameters: { booking: "${{ tasks.reserve.output.booking }}" }
              charge:
                action: fail
                dependencies: [reserve]
                on_failure: compensate
            """);

        var result = await harness.RunAsync(definition);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["B-42"], cancelled);
        Assert.Equal(FlowTaskStatus.Compensated, result.GetTask("reserve").Status);
    }
}
