using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Tests.Operations;

/// <summary>pause_run, resume_run, cancel_run, rollback_run and get_history on a durable engine
/// (and what a server without a store says instead): each move is made, and a move the run's
/// state does not allow is an invalid_state naming that state.</summary>
public abstract class RunControlContract
{
    /// <summary>The store the engine keeps its runs in.</summary>
    internal abstract StoreKind Store { get; }

    /// <summary>Three steps; each waits for its own gate, so the test decides when each ends.</summary>
    private const string Steps = """
        id: steps
        tasks:
          one: { handler: gate }
          two: { handler: gate, dependencies: [one] }
          three: { handler: gate, dependencies: [two] }
        """;

    private sealed class Gates
    {
        private readonly Dictionary<string, TaskCompletionSource<object?>> _release = [];
        private readonly Dictionary<string, TaskCompletionSource> _entered = [];

        public Gates(FlowEngine engine)
        {
            foreach (var id in new[] { "one", "two", "three" })
            {
                _release[id] = new(TaskCreationOptions.RunContinuationsAsynchronously);
                _entered[id] = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            engine.RegisterHandler("gate", ctx =>
            {
                _entered[ctx.TaskId].TrySetResult();
                return _release[ctx.TaskId].Task;
            });
        }

        public Task Entered(string task) => _entered[task].Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void Release(string task) => _release[task].TrySetResult($"{task} done");
    }

    [Fact]
    public async Task Pause_holds_the_next_task_and_resume_continues_to_the_end()
    {
        await using var harness = DispatcherHarness.Create(Store);
        var gates = new Gates(harness.Engine);
        await harness.RegisterAsync(Steps);
        await harness.SubmitAsync("steps", runId: "r");
        await gates.Entered("one");

        var paused = await harness.ExpectAsync<RunStateMessage>(new PauseRunMessage { RunId = "r" });
        Assert.Equal("paused", paused.Status);
        var twice = await harness.ExpectErrorAsync(new PauseRunMessage { RunId = "r" }, ErrorCode.InvalidState);
        Assert.Contains("paused", twice.Message);
        var oneCompleted = EngineEvents.When(harness.Engine, static e => e.TaskId == "one" && e.Type == FastFlow.Events.FlowEventType.TaskCompleted, "task one to complete");
        gates.Release("one");
        var waitId = harness.Send(new WaitRunMessage { RunId = "r" });
        await oneCompleted;
        Assert.Equal("pending", (await harness.ExpectAsync<RunStateMessage>(new GetRunMessage { RunId = "r" })).Tasks[1].Status);

        var resumed = await harness.ExpectAsync<RunStateMessage>(new ResumeRunMessage { RunId = "r" });
        Assert.Equal("running", resumed.Status);
        await gates.Entered("two");
        gates.Release("two");
        await gates.Entered("three");
        gates.Release("three");

        var ended = Assert.IsType<RunStateMessage>(await harness.ReplyAsync(waitId));
        Assert.Equal("completed", ended.Status);
        Assert.Equal(["one done", "two done", "three done"], ended.Tasks.Select(static t => t.Output));
        var again = await harness.ExpectErrorAsync(new ResumeRunMessage { RunId = "r" }, ErrorCode.InvalidState);
        Assert.Contains("completed", again.Message);
    }

    [Fact]
    public async Task A_forced_cancel_ends_the_run_at_once_and_a_second_cancel_says_it_has_ended()
    {
        await using var harness = DispatcherHarness.Create(Store);
        var gates = new Gates(harness.Engine);
        await harness.RegisterAsync(Steps);
        await harness.SubmitAsync("steps", runId: "r");
        await gates.Entered("one");

        var cancelled = await harness.ExpectAsync<RunStateMessage>(new CancelRunMessage { RunId = "r", Force = true });

        Assert.Equal("cancelled", cancelled.Status);
        Assert.All(cancelled.Tasks, static t => Assert.Equal("cancelled", t.Status));
        Assert.Equal("cancelled", (await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = "r" })).Status);
        var again = await harness.ExpectErrorAsync(new CancelRunMessage { RunId = "r" }, ErrorCode.InvalidState);
        Assert.Contains("cancelled", again.Message);
        gates.Release("one");
    }

    [Fact]
    public async Task A_graceful_cancel_lets_the_running_attempt_finish_and_a_created_run_can_be_cancelled()
    {
        await using var harness = DispatcherHarness.Create(Store);
        var gates = new Gates(harness.Engine);
        await harness.RegisterAsync(Steps);
        await harness.SubmitAsync("steps", runId: "r");
        await gates.Entered("one");
        await harness.ExpectAsync<RunStateMessage>(new CreateRunMessage { WorkflowId = "steps", RunId = "created" });

        // The reply comes once the run is cancelled, after its running attempt has finished.
        var cancelId = harness.Send(new CancelRunMessage { RunId = "r" });
        gates.Release("one");
        var pendingCancelled = await harness.ExpectAsync<RunStateMessage>(new CancelRunMessage { RunId = "created" });

        var cancelled = Assert.IsType<RunStateMessage>(await harness.ReplyAsync(cancelId));
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("one done", cancelled.Tasks[0].Output);
        Assert.Equal("cancelled", pendingCancelled.Status);
    }

    [Fact]
    public async Task Rollback_of_a_paused_run_leaves_it_paused_at_the_checkpoint_and_the_history_records_it()
    {
        await using var harness = DispatcherHarness.Create(Store, engine: o => o.CheckpointEveryTransitions = 1);
        var gates = new Gates(harness.Engine);
        await harness.RegisterAsync(Steps);
        await harness.SubmitAsync("steps", runId: "r");
        gates.Release("one");
        await gates.Entered("two");
        var running = await harness.ExpectErrorAsync(new RollbackRunMessage { RunId = "r" }, ErrorCode.InvalidState);
        Assert.Contains("running", running.Message);
        Assert.Contains("pause", running.Message);
        await harness.ExpectAsync<RunStateMessage>(new PauseRunMessage { RunId = "r" });
        var twoCompleted = EngineEvents.When(harness.Engine, static e => e.TaskId == "two" && e.Type == FastFlow.Events.FlowEventType.TaskCompleted, "task two to complete");
        gates.Release("two");
        await twoCompleted;
        var checkpoints = harness.Engine.GetCheckpoints("r").Where(static c => !c.Corrupt).ToList();
        Assert.NotEmpty(checkpoints);
        var missing = await harness.ExpectErrorAsync(new RollbackRunMessage { RunId = "r", Checkpoint = 999_999 }, ErrorCode.NotFound);
        Assert.Contains("999999", missing.Message);

        var first = checkpoints[0].CheckpointId;
        var rolledBack = await harness.ExpectAsync<RunStateMessage>(new RollbackRunMessage { RunId = "r", Checkpoint = first });

        Assert.Equal("paused", rolledBack.Status);
        var history = await harness.ExpectAsync<HistoryMessage>(new GetHistoryMessage { RunId = "r" });
        Assert.Equal("r", history.RunId);
        var rollback = Assert.Single(history.Entries, static e => e.Kind == "run.rolled_back");
        Assert.Equal(first, rollback.CheckpointId);
        Assert.Equal("api", rollback.Actor);
        Assert.Equal(history.Entries.Select(static e => e.Seq).Order(), history.Entries.Select(static e => e.Seq));
        Assert.Contains(history.Entries, static e => e.Kind == "task.completed" && e.TaskId == "one" && Equals(e.Output, "one done"));
    }

    [Fact]
    public async Task Resume_retries_a_failed_run()
    {
        await using var harness = DispatcherHarness.Create(Store);
        var failures = 1;
        harness.Engine.RegisterHandler("flaky", _ => Interlocked.Decrement(ref failures) >= 0
            ? throw new InvalidOperationException("not yet")
            : "ok");
        await harness.RegisterAsync("id: flaky\ntasks:\n  a: { handler: flaky, retry: { max_attempts: 1 } }\n");
        var failed = await harness.SubmitAsync("flaky", wait: true, runId: "f");
        Assert.Equal("failed", failed.Status);

        await harness.ExpectAsync<RunStateMessage>(new ResumeRunMessage { RunId = "f" });
        var ended = await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = "f" });

        Assert.Equal("completed", ended.Status);
        Assert.Equal("ok", ended.Tasks[0].Output);
    }

    [Fact]
    public async Task A_durable_create_is_acknowledged_once_stored_and_a_finished_run_is_read_from_the_store()
    {
        await using var harness = DispatcherHarness.Create(Store, engine: o => o.RetainFinishedRuns = 0);
        await harness.RegisterAsync("id: quick\ntasks:\n  a: { action: set, parameters: { values: { x: 1 } } }\n");

        var created = await harness.ExpectAsync<RunStateMessage>(new CreateRunMessage { WorkflowId = "quick", RunId = "c", Priority = "low" });
        Assert.NotNull(harness.Engine.GetStoredRun("c"));
        await harness.ExpectAsync<RunStateMessage>(new StartRunMessage { RunId = "c" });
        var ended = await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = "c" });
        // Retaining no finished run, the engine has let it go by the time it reports the end.
        Assert.False(harness.Engine.TryGetRun("c", out _));

        var stored = await harness.ExpectAsync<RunStateMessage>(new GetRunMessage { RunId = "c" });

        Assert.Equal("pending", created.Status);
        Assert.Equal("completed", ended.Status);
        Assert.Equal("completed", stored.Status);
        Assert.Equal("low", stored.Priority);
        Assert.Equal(["a"], stored.Tasks.Select(static t => t.Id));
        Assert.Equal("completed", stored.Tasks[0].Status);
        Assert.Equal("completed", (await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = "c" })).Status);
    }
}

/// <summary>The contract over an in-memory store.</summary>
public sealed class RunControlInMemoryStoreTests : RunControlContract
{
    internal override StoreKind Store => StoreKind.InMemory;
}

/// <summary>The contract over a FASTER store on disk.</summary>
public sealed class RunControlFasterStoreTests : RunControlContract
{
    internal override StoreKind Store => StoreKind.Faster;
}

internal static class EngineEvents
{
    /// <summary>Completes at the first event of <paramref name="engine"/> that matches; subscribe
    /// before the action that raises it. Fails after 10 s.</summary>
    public static async Task When(FlowEngine engine, Func<FastFlow.Events.FlowEvent, bool> match, string what)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = engine.Subscribe(e =>
        {
            if (match(e))
            {
                seen.TrySetResult();
            }
        });
        try
        {
            await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}.");
        }
    }
}
