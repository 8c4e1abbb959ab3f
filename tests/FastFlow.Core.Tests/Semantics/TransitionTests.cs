using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: run status moves only pending → running → completed | failed | cancelled,
/// running ⇄ paused, failed → running, pending → cancelled; an illegal transition is an error,
/// never a silent no-op.</summary>
public sealed class TransitionTests
{
    private static async Task<(RunHandle Run, Gate Gate)> StartHeldAsync(Harness harness)
    {
        var gate = new Gate();
        var flow = new WorkflowBuilder("held");
        flow.Task("a", Handlers.Held(gate));
        var run = await harness.StartAsync(flow);
        await gate.Entered.Guarded();
        return (run, gate);
    }

    private static void AssertIllegal(Action move, RunHandle run, RunStatus from, RunStatus to)
    {
        var error = Assert.Throws<InvalidRunTransitionException>(move);
        Assert.Equal(run.RunId, error.RunId);
        Assert.Equal(from, error.From);
        Assert.Equal(to, error.To);
        Assert.Equal(from, run.Status);
    }

    [Fact]
    public async Task Resuming_a_running_run_is_illegal()
    {
        await using var harness = new Harness(observe: false);
        var (run, gate) = await StartHeldAsync(harness);

        AssertIllegal(run.Resume, run, RunStatus.Running, RunStatus.Running);
        gate.Open();
        Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
    }

    [Fact]
    public async Task Pausing_a_paused_run_is_illegal()
    {
        await using var harness = new Harness(observe: false);
        var (run, gate) = await StartHeldAsync(harness);
        run.Pause();

        AssertIllegal(run.Pause, run, RunStatus.Paused, RunStatus.Paused);
        run.Resume();
        gate.Open();
        Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
    }

    [Fact]
    public async Task A_completed_run_cannot_be_paused_resumed_or_cancelled()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("done");
        flow.Task("a", Handlers.Succeed());
        var run = await harness.StartAsync(flow);
        await run.Completion.Guarded();

        AssertIllegal(run.Pause, run, RunStatus.Completed, RunStatus.Paused);
        AssertIllegal(run.Resume, run, RunStatus.Completed, RunStatus.Running);
        AssertIllegal(() => run.Cancel(), run, RunStatus.Completed, RunStatus.Cancelled);
        AssertIllegal(() => run.Cancel(CancelMode.Forced), run, RunStatus.Completed, RunStatus.Cancelled);
    }

    [Fact]
    public async Task A_cancelled_run_cannot_be_cancelled_again_paused_or_resumed()
    {
        await using var harness = new Harness(observe: false);
        var (run, _) = await StartHeldAsync(harness);
        run.Cancel(CancelMode.Forced);
        await run.Completion.Guarded();

        AssertIllegal(() => run.Cancel(), run, RunStatus.Cancelled, RunStatus.Cancelled);
        AssertIllegal(run.Pause, run, RunStatus.Cancelled, RunStatus.Paused);
        AssertIllegal(run.Resume, run, RunStatus.Cancelled, RunStatus.Running);
    }

    [Fact]
    public async Task A_failed_run_cannot_be_paused_or_cancelled()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("failed");
        flow.Task("a", Handlers.Fail());
        var run = await harness.StartAsync(flow);
        Assert.Equal(RunStatus.Failed, (await run.Completion.Guarded()).Status);

        AssertIllegal(run.Pause, run, RunStatus.Failed, RunStatus.Paused);
        AssertIllegal(() => run.Cancel(), run, RunStatus.Failed, RunStatus.Cancelled);
    }

    [Fact]
    public async Task Pause_and_resume_move_a_running_run_back_and_forth()
    {
        await using var harness = new Harness(observe: false);
        var (run, gate) = await StartHeldAsync(harness);

        run.Pause();
        Assert.Equal(RunStatus.Paused, run.Status);
        run.Resume();
        Assert.Equal(RunStatus.Running, run.Status);
        run.Pause();
        run.Resume();
        gate.Open();
        Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
    }
}
