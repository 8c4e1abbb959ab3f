using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Execution;

/// <summary><see cref="FlowEngineOptions.RunOnCallingThread"/>: RunAsync runs a new run's tasks on
/// the calling thread within a budget, hands the rest to the workers, and never does so where it
/// could change what handlers see or deadlock.</summary>
public sealed class CallingThreadTests
{
    [Fact]
    public async Task A_short_run_of_synchronous_tasks_ends_on_the_calling_thread_before_RunAsync_returns()
    {
        // A budget no run here reaches, JIT compilation and a busy machine included.
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2, CallingThreadBudget = TimeSpan.FromSeconds(30) });
        var threads = new List<int>();
        var compiled = engine.Compile(EngineThreads.FiveTasks(_ => { lock (threads) { threads.Add(Environment.CurrentManagedThreadId); } }));

        var (caller, completedOnReturn, result) = await Task.Run(() =>
        {
            var pending = engine.RunAsync(compiled);
            return (Environment.CurrentManagedThreadId, pending.IsCompleted, pending.AsTask().Result);
        });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(completedOnReturn);
        Assert.Equal(Enumerable.Repeat(caller, 5), threads);
    }

    [Fact]
    public async Task Switched_off_the_tasks_run_on_the_workers()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2, RunOnCallingThread = false });
        var onWorkers = 0;
        var compiled = engine.Compile(EngineThreads.FiveTasks(_ => { if (EngineThreads.OnWorker()) { Interlocked.Increment(ref onWorkers); } }));

        var result = await Task.Run(() => engine.RunAsync(compiled).AsTask());

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(5, onWorkers);
    }

    [Fact]
    public async Task A_thread_with_a_synchronization_context_does_not_run_tasks()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var onWorkers = 0;
        var compiled = engine.Compile(EngineThreads.FiveTasks(_ => { if (EngineThreads.OnWorker()) { Interlocked.Increment(ref onWorkers); } }));

        var result = await Task.Run(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
            try
            {
                return engine.RunAsync(compiled).AsTask().Result;
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(null);
            }
        });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(5, onWorkers);
    }

    [Fact]
    public async Task Past_the_budget_the_workers_take_the_rest_and_the_run_ends_right()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2, CallingThreadBudget = TimeSpan.Zero });
        var onWorkers = 0;
        var flow = new WorkflowBuilder("wide");
        var root = flow.Task("root", _ => { });
        for (var i = 0; i < 50; i++)
        {
            flow.Task($"leaf{i}", _ => { if (EngineThreads.OnWorker()) { Interlocked.Increment(ref onWorkers); } }).DependsOn(root);
        }

        var compiled = engine.Compile(flow.Build());

        var result = await Task.Run(() => engine.RunAsync(compiled).AsTask());

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(51, result.CountTasks(FlowTaskStatus.Completed));
        Assert.Equal(50, onWorkers);
    }

    [Fact]
    public async Task An_asynchronous_handler_lets_RunAsync_return_and_the_run_ends_later()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("waits");
        var wait = flow.Task("wait", async (TaskContext _) => { await release.Task; return TaskResult.Success(1L); });
        flow.Task("after", ctx => ctx.GetOutput("wait")).DependsOn(wait);
        var compiled = engine.Compile(flow.Build());

        var pending = await Task.Factory.StartNew(() => engine.RunAsync(compiled).AsTask(), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        Assert.False(pending.IsCompleted);
        release.SetResult();
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1L, result.GetTask("after").Output);
    }

    [Fact]
    public async Task A_handler_that_blocks_on_another_run_does_not_deadlock_the_calling_thread()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        var inner = engine.Compile(EngineThreads.FiveTasks(_ => { }));
        var flow = new WorkflowBuilder("outer");
        // Sync over async inside a handler, on the calling thread: the inner run's tasks must go
        // to the worker, not to the calling thread's private queue it is blocking.
        var nested = flow.Task("nested", _ => engine.RunAsync(inner).AsTask().GetAwaiter().GetResult().Status.ToString());
        flow.Task("after", _ => { }).DependsOn(nested);
        var compiled = engine.Compile(flow.Build());

        var result = await Task.Run(() => engine.RunAsync(compiled).AsTask()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("Completed", result.GetTask("nested").Output);
    }

    [Fact]
    public async Task Runs_started_from_many_threads_at_once_all_end_right()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var executed = 0;
        var compiled = engine.Compile(EngineThreads.FiveTasks(_ => Interlocked.Increment(ref executed)));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var statuses = new List<RunStatus>();
            for (var i = 0; i < 200; i++)
            {
                statuses.Add((await engine.RunAsync(compiled).ConfigureAwait(false)).Status);
            }

            return statuses;
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results.SelectMany(static s => s), static status => Assert.Equal(RunStatus.Completed, status));
        Assert.Equal(8 * 200 * 5, executed);
    }

    [Fact]
    public async Task Bad_inputs_fail_the_returned_task_rather_than_throwing()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        var flow = new WorkflowBuilder("typed").Input("count", InputType.Integer, required: true);
        flow.Task("a", _ => { });
        var compiled = engine.Compile(flow.Build());

        var pending = await Task.Run(() => engine.RunAsync(compiled, new Dictionary<string, object?> { ["count"] = "many" }));

        await Assert.ThrowsAsync<DefinitionException>(() => pending.AsTask());
    }
}
