namespace FastFlow.Core.Tests.Execution;

/// <summary>Where code awaiting a run's end resumes: never on an engine worker by default, on the
/// engine worker that finished the run when <see cref="FlowEngineOptions.AllowSynchronousContinuations"/>
/// is on (and the run ran on the workers, not on the calling thread).</summary>
public sealed class ContinuationTests
{
    [Fact]
    public async Task By_default_an_awaiting_caller_never_resumes_on_an_engine_worker()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2 });
        var resumedOnWorker = await CountResumesOnWorkers(engine, 50);

        Assert.Equal(0, resumedOnWorker);
    }

    [Fact]
    public async Task With_synchronous_continuations_the_caller_resumes_on_the_worker_that_finished_the_run()
    {
        // Runs on the workers only: a run that ended on the calling thread has no continuation to place.
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2, AllowSynchronousContinuations = true, RunOnCallingThread = false });
        var resumedOnWorker = await CountResumesOnWorkers(engine, 50);

        // A run can finish before the caller awaits it (the continuation then runs on the caller's
        // thread), but not every one of 50 five-task runs does.
        Assert.True(resumedOnWorker > 0, "no run resumed its caller on an engine worker");
    }

    [Fact]
    public async Task Code_resumed_on_a_worker_can_start_and_await_the_next_run()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1, AllowSynchronousContinuations = true, RunOnCallingThread = false });
        // Each run is started from the continuation of the one before, mostly on the single worker.
        var resumedOnWorker = await CountResumesOnWorkers(engine, 200);

        Assert.True(resumedOnWorker > 0, "no run resumed its caller on the engine worker");
    }

    /// <summary>Runs the five tasks <paramref name="runs"/> times one after another, each awaited
    /// without a synchronization context, and counts the resumes that happened on an engine worker.</summary>
    private static async Task<int> CountResumesOnWorkers(FlowEngine engine, int runs)
    {
        var compiled = engine.Compile(EngineThreads.FiveTasks());
        var resumedOnWorker = 0;
        for (var i = 0; i < runs; i++)
        {
            var result = await engine.RunAsync(compiled).ConfigureAwait(false);
            Assert.Equal(RunStatus.Completed, result.Status);
            if (EngineThreads.OnWorker())
            {
                resumedOnWorker++;
            }
        }

        return resumedOnWorker;
    }
}
