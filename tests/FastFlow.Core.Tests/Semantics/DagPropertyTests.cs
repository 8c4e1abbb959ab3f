using CsCheck;
using FastFlow.Core.Tests.Semantics.Support;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>Properties of DESIGN §3 over random DAGs (1–40 tasks, random trigger rules, failing
/// handlers, on_failure skip, false conditions, priorities and max_concurrency; no retries).</summary>
public sealed class DagPropertyTests
{
    /// <summary>Random workflows per property; modest, for CI.</summary>
    private const int Iterations = 150;

    private static async Task SampleAsync(Action<DagCase, DagRun> property)
    {
        await using var harness = new Harness(observe: false);
        await DagCase.Gen.SampleAsync(
            async dag => property(dag, await DagRun.ExecuteAsync(harness.Engine, dag)),
            iter: Iterations,
            threads: 1,
            print: dag => dag.Describe());
    }

    [Fact]
    public Task A_task_never_starts_before_its_dependencies_reached_a_terminal_status() => SampleAsync((dag, run) =>
    {
        for (var task = 0; task < dag.Count; task++)
        {
            var start = run.Starts[task];
            var dependencies = dag.Dependencies[task];
            if (start == 0 || dependencies.Length == 0)
            {
                continue;
            }

            if (dag.Rules[task] == TriggerRule.OneSuccess)
            {
                // One completed dependency is enough; the others no longer block it.
                Assert.Contains(dependencies, d => run.Result.GetTaskStatus(d) == FlowTaskStatus.Completed && EndedBefore(run, dag, d, start));
                continue;
            }

            foreach (var dependency in dependencies)
            {
                Assert.True(EndedBefore(run, dag, dependency, start),
                    $"{DagCase.Id(task)} started at {start} before {DagCase.Id(dependency)} ended (handler end {run.Ends[dependency]}, terminal event {run.Terminal[dependency]}, status {run.Result.GetTaskStatus(dependency)})");
            }
        }
    });

    [Fact]
    public Task Without_retries_every_task_runs_at_most_once() => SampleAsync((dag, run) =>
    {
        for (var task = 0; task < dag.Count; task++)
        {
            Assert.InRange(run.Calls[task], 0, 1);
            Assert.InRange(run.Result.Tasks[task].Attempts, 0, 1);
            if (run.Result.Status == RunStatus.Completed)
            {
                // In a failed run an attempt may still be on its way in or out as the run ends.
                Assert.Equal(run.Calls[task], run.Result.Tasks[task].Attempts);
            }
        }
    });

    [Fact]
    public Task Every_task_and_the_run_announce_their_end_exactly_once() => SampleAsync((dag, run) =>
    {
        if (!dag.Observe)
        {
            return;
        }

        Assert.Equal(1, run.RunEndEvents);
        for (var task = 0; task < dag.Count; task++)
        {
            // A failed run cancels what had not ended, without an event of its own.
            var expected = run.Result.GetTaskStatus(task) == FlowTaskStatus.Cancelled ? 0 : 1;
            Assert.True(expected == run.TerminalEvents[task],
                $"{DagCase.Id(task)} ({run.Result.GetTaskStatus(task)}) announced its end {run.TerminalEvents[task]} times");
        }
    });

    [Fact]
    public Task Final_statuses_match_the_reference_interpreter() => SampleAsync((dag, run) =>
    {
        var expected = ReferenceInterpreter.FinalStatuses(dag);
        var actual = Enumerable.Range(0, dag.Count).Select(run.Result.GetTaskStatus).ToArray();
        if (!ReferenceInterpreter.RunFails(dag, expected))
        {
            Assert.Equal(RunStatus.Completed, run.Result.Status);
            Assert.Equal(expected, actual);
            for (var task = 0; task < dag.Count; task++)
            {
                Assert.Equal(expected[task] is FlowTaskStatus.Completed or FlowTaskStatus.Failed ? 1 : 0, run.Calls[task]);
            }

            return;
        }

        // An unhandled failure fails the run; what had not ended by then is cancelled.
        Assert.Equal(RunStatus.Failed, run.Result.Status);
        Assert.Equal(ErrorCategory.Permanent, run.Result.Error!.Category);
        Assert.Contains(Enumerable.Range(0, dag.Count), t => actual[t] == FlowTaskStatus.Failed && !dag.SkipOnFailure[t]);
        for (var task = 0; task < dag.Count; task++)
        {
            Assert.True(actual[task] == expected[task] || actual[task] == FlowTaskStatus.Cancelled,
                $"{DagCase.Id(task)}: expected {expected[task]} (or cancelled), got {actual[task]}");
        }
    });

    /// <summary>The dependency's handler returned (or, observed, its terminal event was raised) before
    /// <paramref name="start"/>; a dependency that never ran must have been decided (skipped) before it.</summary>
    private static bool EndedBefore(DagRun run, DagCase dag, int dependency, long start)
    {
        if (run.Ends[dependency] != 0 && run.Ends[dependency] > start)
        {
            return false;
        }

        if (dag.Observe)
        {
            return run.Terminal[dependency] != 0 && run.Terminal[dependency] < start;
        }

        return run.Ends[dependency] != 0 || run.Result.GetTaskStatus(dependency) == FlowTaskStatus.Skipped;
    }
}
