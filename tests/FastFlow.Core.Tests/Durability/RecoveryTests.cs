using System.Collections.Concurrent;
using FastFlow.Durability;
using FastFlow.Storage.Stores;
using Microsoft.Extensions.Time.Testing;

namespace FastFlow.Core.Tests.Durability;

public sealed class RecoveryTests
{
    private const string Chain = """
        id: durable-chain
        tasks:
          a: { handler: step }
          b: { handler: step, dependencies: [a] }
          c: { handler: step, dependencies: [b] }
        """;

    [Fact]
    public async Task A_durable_run_records_every_transition_and_its_result()
    {
        var store = new InMemoryStateStore();
        await using var engine = DurableEngine.Create(store);
        engine.RegisterHandler("step", ctx => ctx.TaskId + "!");

        var result = await engine.RunAsync(DurableEngine.Load(Chain));

        Assert.Equal(RunStatus.Completed, result.Status);
        var types = engine.GetHistory(result.RunId).Select(static e => (e.Type, e.TaskId)).ToList();
        Assert.Equal(
            [
                ("workflow.created", null), ("workflow.started", null),
                ("task.started", "a"), ("task.completed", "a"),
                ("task.started", "b"), ("task.completed", "b"),
                ("task.started", "c"), ("task.completed", "c"),
                ("workflow.completed", null),
            ],
            types);
        var stored = engine.GetStoredRun(result.RunId)!;
        Assert.Equal("completed", stored.Status);
        Assert.Equal(["a!", "b!", "c!"], stored.Tasks!.Select(static t => t.Output));
        Assert.Empty(engine.ListStoredRuns("running"));
    }

    [Fact]
    public async Task Recovery_does_not_rerun_completed_tasks_and_reruns_the_interrupted_attempt_with_its_key()
    {
        var store = new InMemoryStateStore();
        var keys = new ConcurrentQueue<string>();
        string runId;
        var first = DurableEngine.Create(store);
        var blocked = new TaskCompletionSource();
        first.RegisterHandler("step", async ctx =>
        {
            keys.Enqueue(ctx.IdempotencyKey);
            if (ctx.TaskId == "b")
            {
                blocked.TrySetResult();
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }

            return (object?)ctx.TaskId;
        });
        var handle = await first.StartAsync(DurableEngine.Load(Chain));
        runId = handle.RunId;
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Kill: the engine goes away with b under way.
        first.Dispose();

        await using var second = DurableEngine.Create(store);
        second.RegisterHandler("step", ctx =>
        {
            keys.Enqueue(ctx.IdempotencyKey);
            return ctx.TaskId;
        });
        var report = await second.RecoverAsync();

        Assert.Equal([runId], report.Resumed);
        Assert.True(second.TryGetRun(runId, out var recovered));
        var result = await recovered!.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal([$"{runId}/a/1", $"{runId}/b/1", $"{runId}/b/1", $"{runId}/c/1"], keys);
        Assert.Equal("a", result.GetTask("a").Output);
        Assert.Equal(1, result.GetTask("b").Attempts);
        Assert.Contains(second.GetHistory(runId), static e => e.Type == HistoryTypes.Recovered);
    }

    [Fact]
    public async Task Terminal_runs_are_not_touched_and_paused_runs_stay_paused()
    {
        var store = new InMemoryStateStore();
        var failing = true;
        string pausedId;
        string doneId;
        {
            await using var first = DurableEngine.Create(store);
            first.RegisterHandler("step", ctx => Volatile.Read(ref failing) && ctx.TaskId == "b"
                ? TaskResult.Failure(ErrorCategory.Permanent, "b is broken")
                : TaskResult.Success(ctx.TaskId));
            var done = await first.RunAsync(DurableEngine.Load("""
                id: quick
                tasks:
                  x: { handler: step }
                """));
            doneId = done.RunId;
            var paused = await first.StartAsync(DurableEngine.Load(Chain.Replace("id: durable-chain", "id: pausing\non_failure: pause")));
            pausedId = paused.RunId;
            await DurableEngine.Until(() => paused.Status == RunStatus.Paused, "the run to pause");
        }

        await using var second = DurableEngine.Create(store);
        var ran = new ConcurrentQueue<string>();
        second.RegisterHandler("step", ctx =>
        {
            ran.Enqueue(ctx.IdempotencyKey);
            return ctx.TaskId;
        });
        var report = await second.RecoverAsync();

        Assert.Empty(report.Resumed);
        Assert.Equal([pausedId], report.Paused);
        Assert.False(second.TryGetRun(doneId, out _));
        Assert.Equal("completed", second.GetStoredRun(doneId)!.Status);
        Assert.True(second.TryGetRun(pausedId, out var handle));
        Assert.Equal(RunStatus.Paused, handle!.Status);
        Assert.Empty(ran);

        // Resume retries the task whose failure paused the run, with a new attempt.
        handle.Resume();
        var result = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal([$"{pausedId}/b/2", $"{pausedId}/c/1"], ran);
    }

    [Fact]
    public async Task A_run_whose_end_was_recorded_but_not_its_record_opens_as_it_ended()
    {
        var store = new InMemoryStateStore();
        string runId;
        {
            await using var first = DurableEngine.Create(store);
            first.RegisterHandler("step", ctx => ctx.TaskId);
            runId = (await first.RunAsync(DurableEngine.Load(Chain))).RunId;
            // The crash window: the history says completed, the record still says running.
            var records = new Storage.Runs.RunStore(store);
            var record = records.GetRun(runId)!;
            record.Status = "running";
            record.Tasks = null;
            records.SaveRun(record);
        }

        await using var second = DurableEngine.Create(store);
        second.RegisterHandler("step", _ => throw new InvalidOperationException("a completed task ran again"));
        var handle = second.OpenRun(runId, includeTerminal: true);

        Assert.Equal(RunStatus.Completed, handle.Status);
        Assert.Equal("c", handle.GetSnapshot().GetTask("c").Output);
        var stored = second.GetStoredRun(runId)!;
        Assert.Equal("completed", stored.Status);
        Assert.Equal(3, stored.Tasks!.Count);
        Assert.Empty(second.ListStoredRuns("running"));
        await using var third = DurableEngine.Create(store);
        var error = Assert.Throws<InvalidOperationException>(() => third.OpenRun(runId));
        Assert.Contains("terminal runs do not change", error.Message);
    }

    [Fact]
    public async Task A_retry_waiting_for_its_delay_fires_at_its_original_due_time_after_a_restart()
    {
        var store = new InMemoryStateStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        const string yaml = """
            id: retrying
            tasks:
              flaky:
                handler: flaky
                retry: { max_attempts: 3, base_delay_seconds: 60, max_delay_seconds: 60, jitter: false }
            """;
        string runId;
        {
            await using var first = DurableEngine.Create(store, time, o => o.JitterSeed = 1);
            first.RegisterHandler("flaky", _ => TaskResult.Failure(ErrorCategory.Transient, "not yet"));
            var handle = await first.StartAsync(DurableEngine.Load(yaml));
            runId = handle.RunId;
            await DurableEngine.Until(() => first.GetHistory(runId).Any(static e => e.Type == "task.retrying"), "the retry to be recorded");
        }

        DateTime due;
        using (var probe = DurableEngine.Create(store, time))
        {
            due = probe.GetHistory(runId).Single(static e => e.Type == "task.retrying").DueAt!.Value;
        }

        Assert.True(due > time.GetUtcNow().UtcDateTime);
        var attempts = new ConcurrentQueue<(int Attempt, DateTimeOffset At)>();
        await using var second = DurableEngine.Create(store, time);
        second.RegisterHandler("flaky", ctx =>
        {
            attempts.Enqueue((ctx.Attempt, ctx.TimeProvider.GetUtcNow()));
            return "ok";
        });
        await second.RecoverAsync();
        Assert.True(second.TryGetRun(runId, out var run));
        Assert.Empty(attempts);

        time.SetUtcNow(new DateTimeOffset(due, TimeSpan.Zero) - TimeSpan.FromSeconds(1));
        Assert.Empty(attempts);
        time.SetUtcNow(new DateTimeOffset(due, TimeSpan.Zero));
        var result = await run!.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, result.Status);
        var (attempt, at) = Assert.Single(attempts);
        Assert.Equal(2, attempt);
        Assert.Equal(due, at.UtcDateTime);
    }

    [Fact]
    public async Task Context_written_before_a_restart_is_there_after_it()
    {
        var store = new InMemoryStateStore();
        const string yaml = """
            id: context
            tasks:
              remember: { action: set, parameters: { values: { colour: blue } } }
              wait: { handler: wait, dependencies: [remember] }
              read: { handler: read, dependencies: [wait] }
            """;
        var started = new TaskCompletionSource();
        string runId;
        {
            var first = DurableEngine.Create(store);
            first.RegisterHandler("wait", async _ =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                return (object?)null;
            });
            first.RegisterHandler("read", ctx => ctx.Context["colour"]);
            runId = (await first.StartAsync(DurableEngine.Load(yaml))).RunId;
            await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            first.Dispose();
        }

        await using var second = DurableEngine.Create(store);
        second.RegisterHandler("wait", _ => "done");
        second.RegisterHandler("read", ctx => ctx.Context["colour"]);
        await second.RecoverAsync();
        Assert.True(second.TryGetRun(runId, out var run));
        var result = await run!.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("blue", result.GetTask("read").Output);
    }

    [Fact]
    public async Task A_delay_interrupted_by_a_restart_fires_at_its_original_due_time()
    {
        var store = new InMemoryStateStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        const string yaml = """
            id: waiting
            tasks:
              pause: { action: delay, parameters: { seconds: 600 } }
            """;
        string runId;
        {
            var first = DurableEngine.Create(store, time);
            var handle = await first.StartAsync(DurableEngine.Load(yaml));
            runId = handle.RunId;
            await DurableEngine.Until(() => first.GetHistory(runId).Any(static e => e.Type == "task.started"), "the delay to start");
            first.Dispose();
        }

        time.Advance(TimeSpan.FromSeconds(400));
        await using var second = DurableEngine.Create(store, time);
        await second.RecoverAsync();
        Assert.True(second.TryGetRun(runId, out var run));
        await DurableEngine.Until(() => second.GetHistory(runId).Count(static e => e.Type == "task.started") == 2, "the delay to start again");
        time.Advance(TimeSpan.FromSeconds(199));
        Assert.Equal(RunStatus.Running, run!.Status);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1, result.GetTask("pause").Attempts);
        var output = Assert.IsType<Dictionary<string, object?>>(result.GetTask("pause").Output);
        Assert.Equal("2026-01-01T00:10:00.0000000+00:00", output["fired_at"]);
    }
}
