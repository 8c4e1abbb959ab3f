using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>An asynchronous handler awaits without holding a worker: with one worker, many of
/// them are in flight at once.</summary>
public sealed class AsyncHandlerTests
{
    private const int Count = 50;

    [Fact]
    public async Task Fifty_async_handlers_of_one_run_are_in_flight_at_once_on_a_single_worker()
    {
        await using var harness = new Harness(workers: 1, observe: false);
        var release = new Gate();
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var handler = Handlers.Async(async ctx =>
        {
            if (Interlocked.Increment(ref inFlight) == Count)
            {
                allIn.TrySetResult();
            }

            await release.PassAsync(ctx.CancellationToken);
            Interlocked.Decrement(ref inFlight);
            return TaskResult.Success();
        });
        var flow = new WorkflowBuilder("async");
        for (var i = 0; i < Count; i++)
        {
            flow.Task($"t{i}", handler);
        }

        var run = await harness.StartAsync(flow);
        await allIn.Task.Guarded();

        Assert.Equal(Count, Volatile.Read(ref inFlight));
        Assert.Equal(Count, release.Passes);
        release.Open();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(Count, result.CountTasks(FlowTaskStatus.Completed));
    }

    [Fact]
    public async Task Fifty_runs_each_awaiting_an_async_handler_share_a_single_worker()
    {
        await using var harness = new Harness(workers: 1, observe: false);
        var release = new Gate();
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var flow = new WorkflowBuilder("async-run");
        flow.Task("t", Handlers.Async(async ctx =>
        {
            if (Interlocked.Increment(ref inFlight) == Count)
            {
                allIn.TrySetResult();
            }

            await release.PassAsync(ctx.CancellationToken);
            return TaskResult.Success();
        }));
        var workflow = harness.Engine.Compile(flow.Build());

        var runs = new List<RunHandle>();
        for (var i = 0; i < Count; i++)
        {
            runs.Add(await harness.Engine.StartAsync(workflow).Guarded());
        }

        await allIn.Task.Guarded();
        release.Open();
        foreach (var run in runs)
        {
            Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
        }
    }
}
