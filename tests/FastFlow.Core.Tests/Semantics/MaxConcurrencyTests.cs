using System.Threading.Channels;
using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: max_concurrency bounds the tasks of a run in flight at once.</summary>
public sealed class MaxConcurrencyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Never_more_than_max_concurrency_handlers_of_a_run_are_in_flight(int limit)
    {
        const int Count = 12;
        await using var harness = new Harness(observe: false);
        var gates = Enumerable.Range(0, Count).Select(_ => new Gate()).ToArray();
        var entered = Channel.CreateUnbounded<int>();
        var inFlight = 0;
        var peak = 0;
        var flow = new WorkflowBuilder("bounded").MaxConcurrency(limit);
        for (var i = 0; i < Count; i++)
        {
            var index = i;
            flow.Task($"t{i}", Handlers.Async(async ctx =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                entered.Writer.TryWrite(index);
                await gates[index].PassAsync(ctx.CancellationToken);
                Interlocked.Decrement(ref inFlight);
                return TaskResult.Success();
            }));
        }

        var run = await harness.StartAsync(flow);
        var waiting = new Queue<int>();
        for (var started = 0; started < Count; started++)
        {
            waiting.Enqueue(await entered.Reader.ReadAsync().AsTask().Guarded());
            if (waiting.Count == limit || started == Count - 1)
            {
                // The run is full: exactly `limit` handlers hold their gates.
                Assert.Equal(waiting.Count, Volatile.Read(ref inFlight));
                gates[waiting.Dequeue()].Open();
            }
        }

        while (waiting.Count > 0)
        {
            gates[waiting.Dequeue()].Open();
        }

        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(limit, peak);
    }

    [Fact]
    public async Task A_wide_graph_of_yielding_handlers_stays_within_the_bound()
    {
        const int Limit = 2;
        await using var harness = new Harness(observe: false);
        var inFlight = 0;
        var peak = 0;
        var handler = Handlers.Async(async _ =>
        {
            InterlockedMax(ref peak, Interlocked.Increment(ref inFlight));
            await Task.Yield();
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            return TaskResult.Success();
        });
        var flow = new WorkflowBuilder("wide").MaxConcurrency(Limit);
        var root = flow.Task("root", handler);
        var middle = Enumerable.Range(0, 30).Select(i => flow.Task($"m{i}", handler).DependsOn(root)).ToArray();
        flow.Task("join", handler).DependsOn(middle);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.InRange(peak, 1, Limit);
    }

    [Fact]
    public async Task A_task_waiting_for_its_retry_delay_does_not_hold_a_concurrency_slot()
    {
        await using var harness = new Harness(observe: false);
        var attempts = 0;
        var otherRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("retry-slot").MaxConcurrency(1);
        flow.Task("flaky", Handlers.Sync(_ => Interlocked.Increment(ref attempts) == 1
            ? TaskResult.Failure(ErrorCategory.Transient, "try again")
            : TaskResult.Success())).Retry(maxAttempts: 2, baseDelaySeconds: 60, jitter: false);
        flow.Task("other", Handlers.Sync(_ => { otherRan.TrySetResult(); return TaskResult.Success(); }));

        var run = await harness.StartAsync(flow);
        Assert.Equal(TimeSpan.FromSeconds(60), await harness.Clock.NextArmAsync());
        // The only slot is free while 'flaky' waits a minute of fake time that has not passed.
        await otherRan.Task.Guarded();
        Assert.Equal(FlowTaskStatus.Waiting, run.GetTaskStatus("flaky"));

        harness.Clock.Advance(TimeSpan.FromSeconds(60));
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.GetTask("flaky").Attempts);
    }

    internal static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
