using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: the engine's capacity bounds all runs; when full, submitters get
/// back-pressure (await) or a capacity error (try-submit), never unbounded queues.</summary>
public sealed class BackPressureTests
{
    private static Harness Limited(int active, int queued, bool observe = false) =>
        new(observe: observe, configure: o => { o.MaxActiveRuns = active; o.MaxQueuedRuns = queued; });

    private static CompiledWorkflow Held(FlowEngine engine, string id, Gate gate)
    {
        var flow = new WorkflowBuilder(id);
        flow.Task("t", Handlers.Held(gate));
        return engine.Compile(flow.Build());
    }

    [Fact]
    public async Task Try_start_fails_with_a_capacity_error_when_active_and_queued_runs_are_full()
    {
        await using var harness = Limited(active: 1, queued: 1);
        var first = new Gate();
        var second = new Gate();
        var third = new Gate();

        Assert.True(harness.Engine.TryStart(Held(harness.Engine, "first", first), null, out var running, out var noError));
        Assert.Null(noError);
        await first.Entered.Guarded();
        Assert.True(harness.Engine.TryStart(Held(harness.Engine, "second", second), null, out var queued, out _));
        Assert.Equal(RunStatus.Pending, queued!.Status);

        Assert.False(harness.Engine.TryStart(Held(harness.Engine, "third", third), null, out var rejected, out var error));
        Assert.Null(rejected);
        Assert.Equal(ErrorCategory.Capacity, error!.Category);
        Assert.Equal(2, harness.Engine.ActiveRunCount);

        first.Open();
        await second.Entered.Guarded();
        second.Open();
        Assert.Equal(RunStatus.Completed, (await running!.Completion.Guarded()).Status);
        Assert.Equal(RunStatus.Completed, (await queued.Completion.Guarded()).Status);
        Assert.Equal(0, third.Passes);
    }

    [Fact]
    public async Task Start_async_waits_while_the_engine_is_full_and_goes_on_when_room_frees()
    {
        await using var harness = Limited(active: 1, queued: 1);
        var first = new Gate();
        var second = new Gate();
        var third = new Gate();

        var running = await harness.Engine.StartAsync(Held(harness.Engine, "first", first)).Guarded();
        await first.Entered.Guarded();
        var queued = await harness.Engine.StartAsync(Held(harness.Engine, "second", second)).Guarded();
        var waiting = harness.Engine.StartAsync(Held(harness.Engine, "third", third)).AsTask();

        // Nothing can make room while the first run is held.
        Assert.False(waiting.IsCompleted);
        Assert.Equal(RunStatus.Pending, queued.Status);

        first.Open();
        var admitted = await waiting.Guarded();
        await second.Entered.Guarded();
        Assert.Equal(0, third.Passes);
        second.Open();
        await third.Entered.Guarded();
        third.Open();

        Assert.Equal(RunStatus.Completed, (await running.Completion.Guarded()).Status);
        Assert.Equal(RunStatus.Completed, (await queued.Completion.Guarded()).Status);
        Assert.Equal(RunStatus.Completed, (await admitted.Completion.Guarded()).Status);
    }

    [Fact]
    public async Task A_waiting_start_async_can_be_cancelled_and_leaves_nothing_behind()
    {
        await using var harness = Limited(active: 1, queued: 1);
        var first = new Gate();
        var never = new Gate();
        using var stop = new CancellationTokenSource();

        var running = await harness.Engine.StartAsync(Held(harness.Engine, "first", first)).Guarded();
        var queued = await harness.Engine.StartAsync(Held(harness.Engine, "second", new Gate())).Guarded();
        var waiting = harness.Engine.StartAsync(Held(harness.Engine, "third", never), options: new RunOptions { RunId = "third-run" }, cancellationToken: stop.Token).AsTask();
        Assert.False(waiting.IsCompleted);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Guarded());
        Assert.False(harness.Engine.TryGetRun("third-run", out _));
        Assert.Equal(2, harness.Engine.ActiveRunCount);

        running.Cancel(CancelMode.Forced);
        queued.Cancel(CancelMode.Forced);
        Assert.Equal(0, never.Passes);
    }

    [Fact]
    public async Task With_no_queue_allowed_try_start_fails_as_soon_as_every_active_slot_is_taken()
    {
        await using var harness = Limited(active: 1, queued: 0);
        var first = new Gate();
        var second = new Gate();

        Assert.True(harness.Engine.TryStart(Held(harness.Engine, "first", first), null, out var running, out _));
        await first.Entered.Guarded();

        var accepted = harness.Engine.TryStart(Held(harness.Engine, "second", second), null, out var extra, out var error);

        first.Open();
        await running!.Completion.Guarded();
        if (extra is not null)
        {
            second.Open();
            await extra.Completion.Guarded();
        }

        Assert.False(accepted, "MaxQueuedRuns = 0 admitted a run into the queue");
        Assert.Equal(ErrorCategory.Capacity, error!.Category);
    }

    [Fact]
    public async Task A_rejected_try_start_announces_no_run()
    {
        await using var harness = Limited(active: 1, queued: 1, observe: true);
        var first = new Gate();
        var second = new Gate();

        Assert.True(harness.Engine.TryStart(Held(harness.Engine, "first", first), null, out var running, out _));
        Assert.True(harness.Engine.TryStart(Held(harness.Engine, "second", second), null, out var queued, out _));
        Assert.False(harness.Engine.TryStart(Held(harness.Engine, "third", new Gate()), null, out _, out _));

        first.Open();
        second.Open();
        await running!.Completion.Guarded();
        await queued!.Completion.Guarded();

        // Subscribers must not see a run that was never accepted (it would never end).
        var created = harness.Log.Snapshot().Where(e => e.Type == FlowEventType.WorkflowCreated).Select(e => e.WorkflowId);
        Assert.Equal(["first", "second"], created);
    }
}
