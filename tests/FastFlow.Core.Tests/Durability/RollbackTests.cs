using System.Collections.Concurrent;
using FastFlow.Durability;
using FastFlow.Storage.Stores;

namespace FastFlow.Core.Tests.Durability;

public sealed class RollbackTests
{
    private const string Pipeline = """
        id: pipeline
        on_failure: pause
        tasks:
          extract: { handler: step }
          transform: { handler: step, dependencies: [extract] }
          load: { handler: load, dependencies: [transform] }
        """;

    [Fact]
    public async Task Rollback_returns_later_tasks_to_pending_records_itself_and_resume_runs_them_again()
    {
        var store = new InMemoryStateStore();
        await using var engine = DurableEngine.Create(store, configure: o => o.CheckpointEveryTransitions = 1);
        var ran = new ConcurrentQueue<string>();
        var healthy = false;
        engine.RegisterHandler("step", ctx =>
        {
            ran.Enqueue(ctx.IdempotencyKey);
            return ctx.TaskId + "-out";
        });
        engine.RegisterHandler("load", ctx =>
        {
            ran.Enqueue(ctx.IdempotencyKey);
            return Volatile.Read(ref healthy) ? TaskResult.Success("loaded") : TaskResult.Failure(ErrorCategory.Permanent, "target down");
        });
        var handle = await engine.StartAsync(DurableEngine.Load(Pipeline));
        var runId = handle.RunId;
        await DurableEngine.Until(() => handle.Status == RunStatus.Paused, "the failure to pause the run");

        // The checkpoint taken right after extract completed.
        var history = engine.GetHistory(runId);
        var afterExtract = history.First(static e => e.Type == HistoryTypes.CheckpointTaken &&
            e.Sequence > 0) is var first ? engine.GetCheckpoints(runId).First(c => c.CheckpointId == first.CheckpointId) : null;
        Assert.NotNull(afterExtract);

        var restored = engine.Rollback(runId, afterExtract.CheckpointId, actor: "test");

        Assert.Equal(RunStatus.Paused, restored.Status);
        Assert.Equal(FlowTaskStatus.Completed, restored.GetTaskStatus("extract"));
        Assert.Equal(FlowTaskStatus.Pending, restored.GetTaskStatus("transform"));
        Assert.Equal(FlowTaskStatus.Pending, restored.GetTaskStatus("load"));
        var rolledBack = Assert.Single(engine.GetHistory(runId), static e => e.Type == HistoryTypes.RolledBack);
        Assert.Equal("test", rolledBack.Actor);
        Assert.Equal(afterExtract.CheckpointId, rolledBack.CheckpointId);

        Volatile.Write(ref healthy, true);
        restored.Resume();
        var result = await restored.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("extract-out", result.GetTask("extract").Output);
        Assert.Equal(
            [$"{runId}/extract/1", $"{runId}/transform/1", $"{runId}/load/1", $"{runId}/transform/2", $"{runId}/load/2"],
            ran);
    }

    [Fact]
    public async Task A_failed_run_rolled_back_to_its_latest_checkpoint_is_paused_and_resume_finishes_it()
    {
        var store = new InMemoryStateStore();
        await using var engine = DurableEngine.Create(store);
        var healthy = false;
        engine.RegisterHandler("step", ctx => ctx.TaskId);
        engine.RegisterHandler("load", _ => Volatile.Read(ref healthy) ? TaskResult.Success("loaded") : TaskResult.Failure(ErrorCategory.Permanent, "target down"));
        var failed = await engine.RunAsync(DurableEngine.Load(Pipeline.Replace("on_failure: pause\n", string.Empty)));
        Assert.Equal(RunStatus.Failed, failed.Status);

        var restored = engine.Rollback(failed.RunId);

        Assert.Equal(RunStatus.Paused, restored.Status);
        Assert.Equal(FlowTaskStatus.Completed, restored.GetTaskStatus("transform"));
        Assert.Equal(FlowTaskStatus.Pending, restored.GetTaskStatus("load"));
        Assert.Equal("paused", engine.GetStoredRun(failed.RunId)!.Status);
        Volatile.Write(ref healthy, true);
        restored.Resume();
        var result = await restored.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.GetTask("load").Attempts);
        Assert.Equal("completed", engine.GetStoredRun(failed.RunId)!.Status);
    }

    [Fact]
    public async Task A_running_or_completed_run_cannot_be_rolled_back()
    {
        var store = new InMemoryStateStore();
        await using var engine = DurableEngine.Create(store);
        engine.RegisterHandler("step", ctx => ctx.TaskId);
        engine.RegisterHandler("load", _ => "ok");
        var done = await engine.RunAsync(DurableEngine.Load(Pipeline));

        var error = Assert.Throws<InvalidOperationException>(() => engine.Rollback(done.RunId));
        Assert.Contains("completed", error.Message);
        Assert.Throws<KeyNotFoundException>(() => engine.Rollback("no-such-run"));
    }
}
