using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §7 events as §3 runs raise them: order and content.</summary>
public sealed class EventTests
{
    private static string Describe(FlowEvent e) =>
        $"{e.Type.ToWireName()} {e.TaskId}#{e.Attempt} task={e.TaskStatus} run={e.RunStatus} at={e.Timestamp - TestClock.Origin} delay={e.RetryDelay} error={e.Error?.Category}";

    [Fact]
    public async Task A_small_run_raises_workflow_and_task_events_in_order_with_their_content()
    {
        await using var harness = new Harness();
        await using var stream = harness.Engine.OpenEventStream();
        var flow = new WorkflowBuilder("events");
        var a = flow.Task("a", Handlers.Sync(ctx => ctx.Attempt == 1 ? TaskResult.Failure(ErrorCategory.Transient, "flaky") : TaskResult.Success()))
            .Retry(maxAttempts: 2, baseDelaySeconds: 2, jitter: false);
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        var run = await harness.StartAsync(flow);
        Assert.Equal(TimeSpan.FromSeconds(2), await harness.Clock.AdvanceToNextTimerAsync());
        await run.Completion.Guarded();
        await harness.Log.WaitFor(FlowEventType.WorkflowCompleted);

        var events = harness.Log.Snapshot();
        Assert.All(events, e => Assert.Equal(run.RunId, e.RunId));
        Assert.All(events, e => Assert.Equal("events", e.WorkflowId));
        var zero = TimeSpan.Zero;
        var two = TimeSpan.FromSeconds(2);
        Assert.Equal(
        [
            $"workflow.created #0 task= run=Pending at={zero} delay= error=",
            $"workflow.started #0 task= run=Running at={zero} delay= error=",
            $"task.started a#1 task=InProgress run= at={zero} delay= error=",
            $"task.retrying a#1 task=Waiting run= at={zero} delay={two} error=Transient",
            $"task.started a#2 task=InProgress run= at={two} delay= error=",
            $"task.completed a#2 task=Completed run= at={two} delay= error=",
            $"task.started b#1 task=InProgress run= at={two} delay= error=",
            $"task.completed b#1 task=Completed run= at={two} delay= error=",
            $"workflow.completed #0 task= run=Completed at={two} delay= error=",
        ], events.Select(Describe));
        Assert.Equal("flaky", events[3].Error!.Message);

        // The buffered stream delivers the same events in the same order.
        var streamed = new List<FlowEvent>();
        await foreach (var e in stream.ReadAllAsync().WithCancellation(new CancellationTokenSource(Guard.Timeout).Token))
        {
            streamed.Add(e);
            if (e.Type == FlowEventType.WorkflowCompleted)
            {
                break;
            }
        }

        Assert.Equal(events.Select(Describe), streamed.Select(Describe));
    }

    [Fact]
    public async Task A_failing_run_raises_task_failed_then_workflow_failed_last_with_the_error()
    {
        await using var harness = new Harness();
        var flow = new WorkflowBuilder("failing");
        var a = flow.Task("a", Handlers.Fail(ErrorCategory.Permanent, "broken"));
        flow.Task("b", Handlers.Succeed()).DependsOn(a);

        await harness.RunAsync(flow);
        await harness.Log.WaitFor(FlowEventType.WorkflowFailed);

        var events = harness.Log.Snapshot();
        Assert.Equal(
            [FlowEventType.WorkflowCreated, FlowEventType.WorkflowStarted, FlowEventType.TaskStarted, FlowEventType.TaskFailed, FlowEventType.WorkflowFailed],
            events.Select(e => e.Type));
        Assert.Equal(FlowTaskStatus.Failed, events[3].TaskStatus);
        Assert.Equal(ErrorCategory.Permanent, events[3].Error!.Category);
        Assert.Equal("broken", events[3].Error!.Message);
        Assert.Equal(RunStatus.Failed, events[4].RunStatus);
        Assert.Equal(ErrorCategory.Permanent, events[4].Error!.Category);
        Assert.Contains("broken", events[4].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_task_of_a_wide_run_starts_before_it_completes_and_workflow_completed_comes_last()
    {
        const int Width = 40;
        await using var harness = new Harness();
        var flow = new WorkflowBuilder("wide-events");
        var root = flow.Task("root", Handlers.Succeed());
        var middle = Enumerable.Range(0, Width).Select(i => flow.Task($"m{i}", Handlers.Succeed()).DependsOn(root)).ToArray();
        flow.Task("skipped", Handlers.Succeed()).DependsOn(root).When("false");
        flow.Task("join", Handlers.Succeed()).DependsOn(middle);

        await harness.RunAsync(flow);
        await harness.Log.WaitFor(FlowEventType.WorkflowCompleted);

        var events = harness.Log.Snapshot();
        Assert.Equal(FlowEventType.WorkflowCreated, events[0].Type);
        Assert.Equal(FlowEventType.WorkflowStarted, events[1].Type);
        Assert.Equal(FlowEventType.WorkflowCompleted, events[^1].Type);
        Assert.Single(events, e => e.Type == FlowEventType.WorkflowCompleted);
        var taskEvents = events.Where(e => e.TaskId is not null).ToList();
        foreach (var id in new[] { "root", "join" }.Concat(Enumerable.Range(0, Width).Select(i => $"m{i}")))
        {
            var started = taskEvents.FindIndex(e => e.TaskId == id && e.Type == FlowEventType.TaskStarted);
            var completed = taskEvents.FindIndex(e => e.TaskId == id && e.Type == FlowEventType.TaskCompleted);
            Assert.True(started >= 0 && started < completed, id);
            Assert.Equal(2, taskEvents.Count(e => e.TaskId == id));
        }

        var rootCompleted = taskEvents.FindIndex(e => e.TaskId == "root" && e.Type == FlowEventType.TaskCompleted);
        Assert.All(Enumerable.Range(0, Width), i => Assert.True(taskEvents.FindIndex(e => e.TaskId == $"m{i}") > rootCompleted));
        var joinStarted = taskEvents.FindIndex(e => e.TaskId == "join" && e.Type == FlowEventType.TaskStarted);
        Assert.All(Enumerable.Range(0, Width), i => Assert.True(taskEvents.FindIndex(e => e.TaskId == $"m{i}" && e.Type == FlowEventType.TaskCompleted) < joinStarted));
        var skipped = Assert.Single(taskEvents, e => e.TaskId == "skipped");
        Assert.Equal(FlowEventType.TaskSkipped, skipped.Type);
    }

    [Fact]
    public async Task A_cancelled_run_ends_with_workflow_cancelled()
    {
        await using var harness = new Harness();
        var gate = new Gate();
        var flow = new WorkflowBuilder("cancelled-events");
        flow.Task("a", Handlers.Held(gate));

        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        run.Cancel();
        await run.Completion.Guarded();
        await harness.Log.WaitFor(FlowEventType.WorkflowCancelled);

        var events = harness.Log.Snapshot();
        Assert.Equal(FlowEventType.WorkflowCancelled, events[^1].Type);
        Assert.Equal(RunStatus.Cancelled, events[^1].RunStatus);
        Assert.Single(events, e => e.Type == FlowEventType.WorkflowCancelled);
    }

    [Fact]
    public async Task No_task_event_follows_the_end_of_a_failed_run()
    {
        // One worker: the held propagation continues on it, ahead of the probe run below.
        await using var harness = new Harness(workers: 1, observe: false);
        var events = new List<FlowEvent>();
        var failNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var runEnded = new ManualResetEventSlim();
        using var subscription = harness.Engine.Subscribe(e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            if (e.Type == FlowEventType.WorkflowFailed)
            {
                runEnded.Set();
            }
            else if (e.Type == FlowEventType.TaskSkipped && e.TaskId == "x1")
            {
                // Hold the skip propagation right here until the run has failed.
                failNow.TrySetResult();
                runEnded.Wait(Guard.Timeout);
            }
        });
        var boomEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("late-events");
        flow.Task("boom", Handlers.Async(async _ =>
        {
            boomEntered.TrySetResult();
            await failNow.Task;
            return TaskResult.Failure(ErrorCategory.Permanent, "boom");
        }));
        // The skips begin only once 'boom' waits, so the one worker is free to raise them.
        var x = flow.Task("start", Handlers.Async(async _ =>
        {
            await boomEntered.Task;
            return TaskResult.Success();
        }));
        x = flow.Task("x1", Handlers.Succeed()).DependsOn(x).When("false");
        for (var i = 2; i <= 5; i++)
        {
            x = flow.Task($"x{i}", Handlers.Succeed()).DependsOn(x);
        }

        var run = await harness.StartAsync(flow);
        var result = await run.Completion.Guarded();
        Assert.True(runEnded.IsSet);
        Assert.Equal(RunStatus.Failed, result.Status);

        // The held propagation goes on from the worker's own deque, before the probe's injected work.
        var probe = new WorkflowBuilder("probe");
        probe.Task("p", Handlers.Succeed());
        await harness.RunAsync(probe);

        FlowEvent[] seen;
        lock (events)
        {
            seen = [.. events.Where(e => e.RunId == run.RunId)];
        }

        Assert.Equal(FlowEventType.WorkflowFailed, seen[^1].Type);
        Assert.All(seen.Where(e => e.Type == FlowEventType.TaskSkipped), e => Assert.Equal(FlowTaskStatus.Skipped, result.GetTask(e.TaskId!).Status));
    }
}
