using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class BoundTaskSharingTests
{
    [Fact]
    public void Plain_tasks_with_one_shared_handler_share_one_bound_task()
    {
        var flow = new WorkflowBuilder("w");
        for (var i = 0; i < 1000; i++)
        {
            flow.Task(TestRegistry.Handler);
        }

        var tasks = TestRegistry.Validate(flow.Build()).Tasks;

        Assert.Equal(1000, tasks.Length);
        Assert.All(tasks, t => Assert.Same(tasks[0], t));
    }

    [Fact]
    public void Plain_noop_tasks_share_too()
    {
        var flow = new WorkflowBuilder("w");
        for (var i = 0; i < 10; i++)
        {
            flow.Task();
        }

        var tasks = TestRegistry.Validate(flow.Build()).Tasks;

        Assert.All(tasks, t => Assert.Same(tasks[0], t));
    }

    [Fact]
    public void A_different_options_object_or_handler_gets_its_own_bound_task()
    {
        TaskHandler other = _ => TaskResult.Success();
        var flow = new WorkflowBuilder("w");
        flow.Task(TestRegistry.Handler);
        flow.Task(TestRegistry.Handler);
        flow.Task(other);
        flow.Task("x", new TaskOptions { Priority = TaskPriority.High });
        flow.Task("y", new TaskOptions { Priority = TaskPriority.High });

        var tasks = TestRegistry.Validate(flow.Build()).Tasks;

        Assert.Same(tasks[0], tasks[1]);
        Assert.NotSame(tasks[1], tasks[2]);
        Assert.Same(other, tasks[2].Handler);
        Assert.NotSame(tasks[3], tasks[4]);
        Assert.Equal(TaskPriority.High, tasks[4].Priority);
    }

    [Fact]
    public void Tasks_sharing_an_options_object_share_the_binding()
    {
        var options = new TaskOptions { Handler = "transform", TimeoutSeconds = 3 };
        var flow = new WorkflowBuilder("w");
        flow.Task("a", options);
        flow.Task("b", options);

        var tasks = TestRegistry.Validate(flow.Build()).Tasks;

        Assert.Same(tasks[0], tasks[1]);
        Assert.Equal(TimeSpan.FromSeconds(3), tasks[1].Timeout);
    }

    [Fact]
    public void A_shared_options_object_with_a_problem_is_reported_for_every_task()
    {
        var options = new TaskOptions { Handler = "transfrom" };
        var flow = new WorkflowBuilder("w");
        flow.Task("a", options);
        flow.Task("b", options);
        flow.Task("c", options);

        var result = TestRegistry.Validate(flow.Build());

        var paths = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnknownHandler).Select(d => d.Path);
        Assert.Equal(["tasks.a.handler", "tasks.b.handler", "tasks.c.handler"], paths);
        Assert.Equal([0, 1, 2], result.DiagnosticTasks);
    }

    [Fact]
    public void Ids_are_checked_on_tasks_that_share_a_binding()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("good", TestRegistry.Handler);
        flow.Task("bad id", TestRegistry.Handler);

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.InvalidId);

        Assert.Equal("tasks[\"bad id\"]", d.Path);
    }
}
