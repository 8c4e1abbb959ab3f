using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: defaults when nothing is said — one attempt, no timeout, all_success,
/// normal priority, on_failure fail — and what a run needs to complete.</summary>
public sealed class DefaultTests
{
    [Fact]
    public async Task Without_a_timeout_an_attempt_runs_as_long_as_it_takes()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var flow = new WorkflowBuilder("no-timeout");
        flow.Task("slow", Handlers.Held(gate, "done"));

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        // No attempt timer and no run deadline were armed.
        Assert.False(harness.Clock.Arms.TryRead(out _));
        harness.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(FlowTaskStatus.InProgress, run.GetTaskStatus("slow"));

        gate.Open();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("done", result.GetTask("slow").Output);
    }

    [Fact]
    public async Task Without_settings_a_failure_is_tried_once_and_fails_the_run()
    {
        await using var harness = new Harness(observe: false);
        var calls = 0;
        var flow = new WorkflowBuilder("defaults");
        var a = flow.Task("a", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("transient by default");
        }));
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        var result = await harness.RunAsync(flow);

        Assert.Equal(1, calls);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("a").Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("b").Status);
    }

    [Fact]
    public async Task The_default_trigger_rule_is_all_success()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("default-rule");
        var skipped = flow.Task("skipped", Handlers.Succeed()).When("false");
        var done = flow.Task("done", Handlers.Succeed());
        flow.Task("c", Handlers.Succeed()).DependsOn(skipped, done);

        var result = await harness.RunAsync(flow);

        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("c").Status);
        Assert.Equal(RunStatus.Completed, result.Status);
    }

    [Fact]
    public async Task A_run_whose_every_task_was_skipped_completes()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("all-skipped");
        var a = flow.Task("a", Handlers.Succeed()).When("false");
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.CountTasks(FlowTaskStatus.Skipped));
    }
}
