using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Execution;

public sealed class RunRetryTests
{
    [Fact]
    public async Task A_failed_run_retried_reruns_only_what_did_not_complete()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var extractRuns = 0;
        var loadRuns = 0;
        var healthy = false;
        var flow = new WorkflowBuilder("retry-run");
        var extract = flow.Task("extract", ctx =>
        {
            Interlocked.Increment(ref extractRuns);
            return 7L;
        });
        var load = flow.Task("load", ctx =>
        {
            Interlocked.Increment(ref loadRuns);
            return Volatile.Read(ref healthy) ? TaskResult.Success(ctx.GetOutput("extract")) : TaskResult.Failure(ErrorCategory.Permanent, "database down");
        }).DependsOn(extract);
        flow.Task("report").DependsOn(load);
        var run = await engine.StartAsync(flow.Build());

        var failed = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(FlowTaskStatus.Cancelled, failed.GetTask("report").Status);

        Volatile.Write(ref healthy, true);
        run.Retry();
        var retried = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, retried.Status);
        Assert.Equal(1, extractRuns);
        Assert.Equal(2, loadRuns);
        Assert.Equal(7L, retried.GetTask("load").Output);
        Assert.Equal(2, retried.GetTask("load").Attempts);
        Assert.Equal(FlowTaskStatus.Completed, retried.GetTask("report").Status);
    }

    [Fact]
    public async Task Only_a_failed_run_can_be_retried()
    {
        await using var engine = new FlowEngine();
        var flow = new WorkflowBuilder("done");
        flow.Task("a");
        var run = await engine.StartAsync(flow.Build());
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var error = Assert.Throws<InvalidRunTransitionException>(run.Retry);
        Assert.Equal(RunStatus.Completed, error.From);
    }
}
