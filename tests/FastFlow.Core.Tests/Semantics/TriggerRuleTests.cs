using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: a task becomes ready when its trigger_rule is satisfied.</summary>
public sealed class TriggerRuleTests
{
    [Fact]
    public async Task All_success_runs_when_every_dependency_completed()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("all-success");
        var a = flow.Task("a", Handlers.Succeed(1L));
        var b = flow.Task("b", Handlers.Succeed(2L));
        flow.Task("c", Handlers.Sync(ctx => TaskResult.Success((long)ctx.GetOutput("a")! + (long)ctx.GetOutput("b")!))).DependsOn(a, b);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(3L, result.GetTask("c").Output);
    }

    [Fact]
    public async Task All_success_skips_when_a_dependency_failed_and_the_skip_propagates()
    {
        await using var harness = new Harness(observe: false);
        var ran = 0;
        var flow = new WorkflowBuilder("all-success-failed");
        var a = flow.Task("a", Handlers.Fail()).OnFailure(FailurePolicy.Skip);
        var ok = flow.Task("ok", Handlers.Succeed());
        var b = flow.Task("b", Handlers.Sync(_ => { Interlocked.Increment(ref ran); return TaskResult.Success(); })).DependsOn(a, ok);
        flow.Task("c", Handlers.Sync(_ => { Interlocked.Increment(ref ran); return TaskResult.Success(); })).DependsOn(b);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("b").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("c").Status);
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task All_success_skips_when_a_dependency_timed_out()
    {
        await using var harness = new Harness(observe: false);
        var ran = 0;
        var flow = new WorkflowBuilder("all-success-timeout");
        var a = flow.Task("a", Handlers.UntilCancelled()).Timeout(1).OnFailure(FailurePolicy.Skip);
        flow.Task("b", Handlers.Sync(_ => { Interlocked.Increment(ref ran); return TaskResult.Success(); })).DependsOn(a);

        var run = await harness.StartAsync(flow);
        Assert.Equal(TimeSpan.FromSeconds(1), await harness.Clock.AdvanceToNextTimerAsync());
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Timeout, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("b").Status);
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task All_success_skips_when_a_dependency_was_skipped()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("all-success-skipped");
        var a = flow.Task("a", Handlers.Succeed()).When("false");
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("b").Status);
    }

    [Fact]
    public async Task None_failed_runs_after_skipped_and_completed_dependencies()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("none-failed");
        var skipped = flow.Task("skipped", Handlers.Succeed()).When("false");
        var done = flow.Task("done", Handlers.Succeed());
        flow.Task("c", Handlers.Succeed("ran")).DependsOn(skipped, done).Trigger(TriggerRule.NoneFailed);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("c").Status);
        Assert.Equal("ran", result.GetTask("c").Output);
    }

    [Fact]
    public async Task None_failed_skips_after_a_failed_dependency()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("none-failed-failed");
        var failed = flow.Task("failed", Handlers.Fail()).OnFailure(FailurePolicy.Skip);
        var done = flow.Task("done", Handlers.Succeed());
        var skipped = flow.Task("skipped", Handlers.Succeed()).When("false");
        flow.Task("c", Handlers.Succeed()).DependsOn(failed, done, skipped).Trigger(TriggerRule.NoneFailed);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("c").Status);
    }

    [Fact]
    public async Task None_failed_skips_after_a_timed_out_dependency()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("none-failed-timeout");
        var slow = flow.Task("slow", Handlers.UntilCancelled()).Timeout(2).OnFailure(FailurePolicy.Skip);
        var done = flow.Task("done", Handlers.Succeed());
        flow.Task("c", Handlers.Succeed()).DependsOn(slow, done).Trigger(TriggerRule.NoneFailed);

        var run = await harness.StartAsync(flow);
        await harness.Clock.AdvanceToNextTimerAsync();
        var result = await run.Completion.Guarded();

        Assert.Equal(FlowTaskStatus.Timeout, result.GetTask("slow").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("c").Status);
        Assert.Equal(RunStatus.Completed, result.Status);
    }

    [Fact]
    public async Task One_success_starts_as_soon_as_one_dependency_completed_while_the_others_still_run()
    {
        await using var harness = new Harness(observe: false);
        var slow = new Gate();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("one-success");
        var held = flow.Task("held", Handlers.Held(slow));
        var quick = flow.Task("quick", Handlers.Succeed());
        flow.Task("c", Handlers.Sync(_ =>
        {
            started.TrySetResult();
            return TaskResult.Success();
        })).DependsOn(held, quick).Trigger(TriggerRule.OneSuccess);

        var run = await harness.StartAsync(flow);

        // 'held' cannot end before the gate opens, so c started while it was still running.
        await started.Task.Guarded();
        await slow.Entered.Guarded();
        Assert.Equal(FlowTaskStatus.InProgress, run.GetTaskStatus("held"));
        Assert.Equal(RunStatus.Running, run.Status);

        slow.Open();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("held").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("c").Status);
        Assert.Equal(1, result.GetTask("c").Attempts);
    }

    [Fact]
    public async Task One_success_skips_when_every_dependency_is_done_and_none_completed()
    {
        await using var harness = new Harness(observe: false);
        var ran = 0;
        var flow = new WorkflowBuilder("one-success-none");
        var failed = flow.Task("failed", Handlers.Fail()).OnFailure(FailurePolicy.Skip);
        var skipped = flow.Task("skipped", Handlers.Succeed()).When("false");
        flow.Task("c", Handlers.Sync(_ => { Interlocked.Increment(ref ran); return TaskResult.Success(); }))
            .DependsOn(failed, skipped).Trigger(TriggerRule.OneSuccess);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("c").Status);
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task One_success_runs_once_when_a_later_dependency_completes_after_others_failed()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var ran = 0;
        var flow = new WorkflowBuilder("one-success-late");
        var failed = flow.Task("failed", Handlers.Fail()).OnFailure(FailurePolicy.Skip);
        var late = flow.Task("late", Handlers.Held(gate));
        var also = flow.Task("also", Handlers.Succeed());
        flow.Task("c", Handlers.Sync(_ => { Interlocked.Increment(ref ran); return TaskResult.Success(); }))
            .DependsOn(failed, late, also).Trigger(TriggerRule.OneSuccess);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        gate.Open();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("c").Status);
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task All_done_runs_after_every_dependency_ended_whatever_the_outcome()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var sawGateOpen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("all-done");
        var failed = flow.Task("failed", Handlers.Fail()).OnFailure(FailurePolicy.Skip);
        var skipped = flow.Task("skipped", Handlers.Succeed()).When("false");
        var timedOut = flow.Task("timed_out", Handlers.UntilCancelled()).Timeout(5).OnFailure(FailurePolicy.Skip);
        var held = flow.Task("held", Handlers.Held(gate));
        flow.Task("c", Handlers.Sync(_ =>
        {
            sawGateOpen.TrySetResult(gate.IsOpen);
            return TaskResult.Success();
        })).DependsOn(failed, skipped, timedOut, held).Trigger(TriggerRule.AllDone)
            .When("tasks.failed.status == 'failed' && tasks.skipped.status == 'skipped' && tasks.timed_out.status == 'timeout'");

        var run = await harness.StartAsync(flow);
        await harness.Clock.AdvanceToNextTimerAsync();
        await gate.Entered.Guarded();
        gate.Open();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("failed").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("skipped").Status);
        Assert.Equal(FlowTaskStatus.Timeout, result.GetTask("timed_out").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("c").Status);
        // c waited for the last dependency too.
        Assert.True(await sawGateOpen.Task.Guarded());
    }

    [Fact]
    public async Task A_false_when_skips_the_task_and_its_dependents_follow_their_own_rules()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("when-false");
        var a = flow.Task("a", Handlers.Succeed()).When("1 > 2");
        flow.Task("all_success", Handlers.Succeed()).DependsOn(a);
        var noneFailed = flow.Task("none_failed", Handlers.Succeed()).DependsOn(a).Trigger(TriggerRule.NoneFailed);
        flow.Task("one_success", Handlers.Succeed()).DependsOn(a).Trigger(TriggerRule.OneSuccess);
        flow.Task("all_done", Handlers.Succeed()).DependsOn(a).Trigger(TriggerRule.AllDone);
        flow.Task("after_none_failed", Handlers.Succeed()).DependsOn(noneFailed);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("all_success").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("none_failed").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("one_success").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("all_done").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("after_none_failed").Status);
    }

    [Fact]
    public async Task A_when_is_evaluated_against_the_run_inputs()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("when-inputs").Input("n", InputType.Integer, required: true);
        flow.Task("big", Handlers.Succeed()).When("inputs.n > 10");
        flow.Task("small", Handlers.Succeed()).When("inputs.n <= 10");
        var definition = flow.Build();

        var three = await harness.RunAsync(definition, new Dictionary<string, object?> { ["n"] = 3L });
        var twenty = await harness.RunAsync(definition, new Dictionary<string, object?> { ["n"] = 20L });

        Assert.Equal(FlowTaskStatus.Skipped, three.GetTask("big").Status);
        Assert.Equal(FlowTaskStatus.Completed, three.GetTask("small").Status);
        Assert.Equal(FlowTaskStatus.Completed, twenty.GetTask("big").Status);
        Assert.Equal(FlowTaskStatus.Skipped, twenty.GetTask("small").Status);
    }

    [Fact]
    public async Task Conditions_all_must_hold()
    {
        await using var harness = new Harness(observe: false);
        harness.Engine.RegisterHandler("ok", Handlers.Succeed("ran"));
        var definition = Yaml.Load("""
            id: conditions
            inputs:
              x: { type: integer, required: true }
              y: { type: integer, required: true }
            tasks:
              both:
                handler: ok
                conditions: ["inputs.x > 1", "inputs.y > 1"]
              single:
                handler: ok
                conditions: "inputs.x > 1"
            """);

        var bothHold = await harness.RunAsync(definition, new Dictionary<string, object?> { ["x"] = 2L, ["y"] = 2L });
        var oneFails = await harness.RunAsync(definition, new Dictionary<string, object?> { ["x"] = 2L, ["y"] = 0L });
        var firstFails = await harness.RunAsync(definition, new Dictionary<string, object?> { ["x"] = 0L, ["y"] = 2L });

        Assert.Equal(FlowTaskStatus.Completed, bothHold.GetTask("both").Status);
        Assert.Equal(FlowTaskStatus.Skipped, oneFails.GetTask("both").Status);
        Assert.Equal(FlowTaskStatus.Completed, oneFails.GetTask("single").Status);
        Assert.Equal(FlowTaskStatus.Skipped, firstFails.GetTask("both").Status);
        Assert.Equal(FlowTaskStatus.Skipped, firstFails.GetTask("single").Status);
        Assert.All([bothHold, oneFails, firstFails], r => Assert.Equal(RunStatus.Completed, r.Status));
    }
}
