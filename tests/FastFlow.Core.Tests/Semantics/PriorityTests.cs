using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: ready tasks run by priority (critical first), then readiness order.
/// With max_concurrency 1 the start order is exactly the dispatch order.</summary>
public sealed class PriorityTests
{
    private static TaskHandler Recorder(List<string> order) => Handlers.Sync(ctx =>
    {
        lock (order)
        {
            order.Add(ctx.TaskId);
        }

        return TaskResult.Success();
    });

    [Fact]
    public async Task Tasks_that_became_ready_while_the_slot_was_busy_start_by_priority_then_readiness()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var order = new List<string>();
        var flow = new WorkflowBuilder("priorities").MaxConcurrency(1);
        flow.Task("hold", Handlers.Held(gate)).Priority(TaskPriority.Critical);
        var record = Recorder(order);
        flow.Task("low1", record).Priority(TaskPriority.Low);
        flow.Task("normal1", record).Priority(TaskPriority.Normal);
        flow.Task("high1", record).Priority(TaskPriority.High);
        flow.Task("critical1", record).Priority(TaskPriority.Critical);
        flow.Task("low2", record).Priority(TaskPriority.Low);
        flow.Task("normal2", record);
        flow.Task("high2", record).Priority(TaskPriority.High);
        flow.Task("critical2", record).Priority(TaskPriority.Critical);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        Assert.Empty(order);
        gate.Open();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(["critical1", "critical2", "high1", "high2", "normal1", "normal2", "low1", "low2"], order);
    }

    [Fact]
    public async Task Sources_ready_together_at_the_start_of_a_run_start_critical_first()
    {
        await using var harness = new Harness(observe: false);
        var order = new List<string>();
        var record = Recorder(order);
        var flow = new WorkflowBuilder("source-priorities").MaxConcurrency(1);
        flow.Task("low", record).Priority(TaskPriority.Low);
        flow.Task("normal", record).Priority(TaskPriority.Normal);
        flow.Task("high", record).Priority(TaskPriority.High);
        flow.Task("critical", record).Priority(TaskPriority.Critical);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(["critical", "high", "normal", "low"], order);
    }

    [Fact]
    public async Task Successors_released_by_one_completion_start_critical_first()
    {
        await using var harness = new Harness(observe: false);
        var order = new List<string>();
        var record = Recorder(order);
        var flow = new WorkflowBuilder("successor-priorities").MaxConcurrency(1);
        var root = flow.Task("root", record).Priority(TaskPriority.Normal);
        flow.Task("low", record).Priority(TaskPriority.Low).DependsOn(root);
        flow.Task("normal", record).Priority(TaskPriority.Normal).DependsOn(root);
        flow.Task("high", record).Priority(TaskPriority.High).DependsOn(root);
        flow.Task("critical", record).Priority(TaskPriority.Critical).DependsOn(root);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(["root", "critical", "high", "normal", "low"], order);
    }

    [Fact]
    public async Task Within_one_priority_tasks_start_in_the_order_they_became_ready_not_declared()
    {
        await using var harness = new Harness(observe: false);
        var gate = new Gate();
        var order = new List<string>();
        var record = Recorder(order);
        var flow = new WorkflowBuilder("readiness").MaxConcurrency(1);
        var hold = flow.Task("hold", Handlers.Held(gate)).Priority(TaskPriority.High);
        // Declared first, ready last: only when 'hold' ends.
        flow.Task("after_hold", record).DependsOn(hold);
        flow.Task("a1", record);
        flow.Task("a2", record);
        flow.Task("a3", record);

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        gate.Open();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(["a1", "a2", "a3", "after_hold"], order);
    }
}
