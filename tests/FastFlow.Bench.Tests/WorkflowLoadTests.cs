using FastFlow.Bench.Workflows;
using FastFlow.Definitions;

namespace FastFlow.Bench.Tests;

/// <summary>The workflow load: every run is made and counted by how it ended, and the latency
/// figures come from the runs.</summary>
public sealed class WorkflowLoadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public async Task Every_measured_run_is_made_once_after_the_warm_up(int concurrency)
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var ran = 0;
        var compiled = engine.Compile(FiveTaskWorkflow.Build(_ => Interlocked.Increment(ref ran)));
        var progress = new BenchProgress();

        var report = await WorkflowLoad.RunAsync(engine, compiled, null, runs: 300, warmupRuns: 20, concurrency, progress: progress);

        Assert.Equal(5 * 320, ran);
        Assert.Equal((300, 20, 300, 0, 0), (report.Runs, report.WarmupRuns, report.Completed, report.Failed, report.Cancelled));
        Assert.Equal(concurrency, report.Concurrency);
        Assert.Equal("five-tasks", report.WorkflowId);
        Assert.Equal(300, progress.Done);
        var latency = report.Latency;
        Assert.True(latency.P50Us > 0 && latency.P50Us <= latency.P90Us && latency.P90Us <= latency.P99Us && latency.P99Us <= latency.MaxUs, latency.ToString());
        Assert.True(report.RunsPerSecond > 0);
    }

    [Fact]
    public async Task Runs_that_fail_are_counted_as_failed()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var flow = new WorkflowBuilder("sometimes-fails");
        var number = 0;
        flow.Task("flaky", _ => Interlocked.Increment(ref number) % 2 == 0
            ? TaskResult.Failure(ErrorCategory.Permanent, "every second run fails")
            : TaskResult.Success());
        var compiled = engine.Compile(flow.Build());

        var report = await WorkflowLoad.RunAsync(engine, compiled, null, runs: 100, warmupRuns: 0, concurrency: 1);

        Assert.Equal((50, 50), (report.Completed, report.Failed));
    }

    [Fact]
    public async Task Concurrency_above_the_run_count_is_capped_at_the_runs()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        var compiled = engine.Compile(FiveTaskWorkflow.Build());

        var report = await WorkflowLoad.RunAsync(engine, compiled, null, runs: 3, warmupRuns: 0, concurrency: 64);

        Assert.Equal((3, 3), (report.Concurrency, report.Completed));
    }
}
