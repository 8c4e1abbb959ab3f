using FastFlow.Storage.Stores;

namespace FastFlow.Core.Tests.Durability;

/// <summary>Runs created to be started later (a server's create_run, then start_run).</summary>
public sealed class AwaitingStartTests
{
    private const string Pair = """
        id: created-later
        tasks:
          a: { handler: step }
          b: { handler: step, dependencies: [a] }
        """;

    [Fact]
    public async Task A_created_run_stays_pending_until_started_then_runs_to_the_end()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        var ran = new List<string>();
        engine.RegisterHandler("step", ctx =>
        {
            lock (ran)
            {
                ran.Add(ctx.RunId + "/" + ctx.TaskId);
            }

            return ctx.TaskId;
        });
        var workflow = engine.Compile(DurableEngine.Load(Pair));

        var created = await engine.CreateAsync(workflow, options: new RunOptions { RunId = "later" });
        // Another run goes through the same single worker start to end: had the created run been
        // admitted, its first task would have been dispatched before this one finished.
        var other = await engine.RunAsync(workflow, options: new RunOptions { RunId = "now" });

        Assert.Equal(RunStatus.Completed, other.Status);
        Assert.Equal(RunStatus.Pending, created.Status);
        Assert.True(created.IsAwaitingStart);
        Assert.DoesNotContain(ran, static entry => entry.StartsWith("later/", StringComparison.Ordinal));

        await created.StartAsync();
        var result = await created.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("b", result.GetTask("b").Output);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(async () => await created.StartAsync());
        Assert.Contains("completed", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_run_that_was_not_created_to_wait_is_refused()
    {
        await using var engine = new FlowEngine();
        var gate = new TaskCompletionSource();
        engine.RegisterHandler("step", async _ =>
        {
            await gate.Task;
            return (object?)null;
        });
        var handle = await engine.StartAsync(DurableEngine.Load(Pair));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await handle.StartAsync());

        Assert.Contains("only a created run that has not started", error.Message, StringComparison.Ordinal);
        gate.SetResult();
        await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_created_run_can_be_cancelled_before_it_starts()
    {
        await using var engine = new FlowEngine();
        engine.RegisterHandler("step", static ctx => ctx.TaskId);
        var created = await engine.CreateAsync(engine.Compile(DurableEngine.Load(Pair)));

        created.Cancel();
        var result = await created.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(0, result.GetTask("a").Attempts);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await created.StartAsync());
    }

    [Fact]
    public async Task A_durable_created_run_stays_pending_across_a_restart_and_starts_when_asked()
    {
        var store = new InMemoryStateStore();
        var first = DurableEngine.Create(store);
        first.RegisterHandler("step", static ctx => ctx.TaskId);
        var created = await first.CreateAsync(first.Compile(DurableEngine.Load(Pair)), options: new RunOptions { RunId = "held" });
        Assert.True(first.GetStoredRun("held")!.AwaitingStart);
        first.Dispose();

        await using var second = DurableEngine.Create(store);
        second.RegisterHandler("step", static ctx => ctx.TaskId);
        var report = await second.RecoverAsync();

        Assert.Equal(["held"], report.AwaitingStart);
        Assert.Empty(report.Resumed);
        Assert.True(second.TryGetRun("held", out var handle));
        Assert.Equal(RunStatus.Pending, handle!.Status);
        Assert.True(handle.IsAwaitingStart);

        await handle.StartAsync();
        var result = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.False(second.GetStoredRun("held")!.AwaitingStart);
        Assert.Equal("completed", second.GetStoredRun("held")!.Status);
    }
}
