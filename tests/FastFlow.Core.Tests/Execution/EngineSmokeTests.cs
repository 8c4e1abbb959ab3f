using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Execution;

public sealed class EngineSmokeTests
{
    [Fact]
    public async Task A_diamond_of_inline_handlers_completes_in_dependency_order()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var order = new List<string>();
        var flow = new WorkflowBuilder("diamond");
        var a = flow.Task("a", ctx => { lock (order) { order.Add("a"); } return 1L; });
        var b = flow.Task("b", ctx => { lock (order) { order.Add("b"); } return 2L; }).DependsOn(a);
        var c = flow.Task("c", ctx => { lock (order) { order.Add("c"); } return 3L; }).DependsOn(a);
        flow.Task("d", ctx => { lock (order) { order.Add("d"); } return 4L; }).DependsOn(b, c);
        flow.Output("sum", "${{ tasks.b.output + tasks.c.output }}");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("a", order[0]);
        Assert.Equal("d", order[3]);
        Assert.Equal(5L, result.Outputs["sum"]);
        Assert.All(result.Tasks, t => Assert.Equal(FlowTaskStatus.Completed, t.Status));
        Assert.Equal(4L, result.GetTask("d").Output);
    }

    [Fact]
    public async Task A_long_chain_runs_every_task_once()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        const int Count = 10_000;
        var counts = new int[Count];
        var flow = new WorkflowBuilder("chain");
        TaskRef? previous = null;
        for (var i = 0; i < Count; i++)
        {
            var index = i;
            var task = flow.Task($"t{i}", (Action<TaskContext>)(_ => Interlocked.Increment(ref counts[index])));
            if (previous is { } p)
            {
                task.DependsOn(p);
            }

            previous = task;
        }

        var result = await engine.RunAsync(flow.Build());
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task Conditions_skip_and_events_are_published()
    {
        await using var engine = new FlowEngine();
        var events = new List<FlowEvent>();
        using var subscription = engine.Subscribe(e => { lock (events) { events.Add(e); } });
        var flow = new WorkflowBuilder("conditions").Input("n", InputType.Integer, required: true);
        flow.Task("big").When("inputs.n > 10");
        flow.Task("small").When("inputs.n <= 10");

        var result = await engine.RunAsync(flow.Build(), new Dictionary<string, object?> { ["n"] = 3L });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("big").Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("small").Status);
        lock (events)
        {
            Assert.Contains(events, e => e.Type == FlowEventType.WorkflowStarted);
            Assert.Contains(events, e => e.Type == FlowEventType.TaskSkipped && e.TaskId == "big");
            Assert.Equal(FlowEventType.WorkflowCompleted, events[^1].Type);
        }
    }
}
