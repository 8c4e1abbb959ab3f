using FastFlow.Bench.Gate;
using FastFlow.Bench.Shapes;

namespace FastFlow.Bench.Tests;

/// <summary>The gate itself: it passes the engine as it is and fails a deliberate regression.
/// Sizes are small so that the tests stay quick; the allocation checks hold at any size.</summary>
public sealed class PerfGateTests
{
    private static readonly PerfBudget s_allocationsOnly = new()
    {
        Rounds = 3,
        Workers = 2,
        // A tolerance no run can exceed: these tests look at allocations, not at times.
        Shapes = [.. Enum.GetValues<DagShape>().Select(static shape => new ShapeBudget(shape, 50_000, 0.1, 1_000, 1_000))],
        FiveTaskRun = new FiveTaskRunBudget(2_000, 2_048),
    };

    [Fact]
    public void The_engine_as_it_is_allocates_nothing_per_task_on_any_shape()
    {
        var checks = PerfGate.Run(s_allocationsOnly);

        Assert.Equal(9, checks.Count);
        Assert.All(checks, static check => Assert.True(check.Passed, $"{check.Name}: {check.Measured} {check.Unit} > {check.Limit} ({check.Note})"));
    }

    [Fact]
    public void An_allocation_added_to_every_task_fails_the_gate()
    {
        var budget = s_allocationsOnly with { Shapes = [new ShapeBudget(DagShape.Chain, 50_000, 0.1, 1_000, 1_000)], FiveTaskRun = null };

        // The regression: each task allocates one small object, as a boxing or a closure on the
        // hot path would.
        var checks = PerfGate.Run(budget, body: static context => GC.KeepAlive(new byte[8]));

        var allocation = Assert.Single(checks, static check => check.Unit == "B/task");
        Assert.False(allocation.Passed);
        Assert.True(allocation.Measured >= 24, $"measured {allocation.Measured} B/task");
        Assert.True(Assert.Single(checks, static check => check.Unit == "ratio").Passed);
    }

    [Fact]
    public void An_allocation_added_to_the_five_task_run_fails_the_gate()
    {
        var budget = s_allocationsOnly with { Shapes = [] };
        var clean = PerfGate.MeasureFiveTaskRun(2, 2_000);

        var regressed = PerfGate.Run(budget with { FiveTaskRun = new FiveTaskRunBudget(2_000, clean.AllocBytesPerRun + 64) },
            body: static context => GC.KeepAlive(new byte[64]));

        var check = Assert.Single(regressed);
        Assert.False(check.Passed, $"{check.Measured} B/run against {check.Limit}");
    }

    [Fact]
    public void Slower_tasks_fail_the_ratio_check()
    {
        // Reference and tolerance as committed for the chain; the regression spins about a
        // microsecond in every task, which the empty-bodied baseline does not.
        var committed = PerfBudget.Load("perf-gate.json").Shapes.Single(static shape => shape.Shape == DagShape.Chain);
        var budget = s_allocationsOnly with { Shapes = [committed with { Tasks = 20_000 }], FiveTaskRun = null };

        var checks = PerfGate.Run(budget, body: static context => Thread.SpinWait(400));

        var ratio = Assert.Single(checks, static check => check.Unit == "ratio");
        Assert.False(ratio.Passed, $"ratio {ratio.Measured} within {ratio.Limit}: {ratio.Note}");
    }

    [Fact]
    public void Checks_compare_each_figure_with_its_limit()
    {
        var budget = new ShapeBudget(DagShape.Tree, 1000, 0.1, 0.5, 2);
        var within = new ShapeReport(DagShape.Tree, 1023, 2, 3, 40, 10, 0.01, 20);
        var beyond = within with { ExecNsPerTask = 21, AllocBytesPerTask = 0.2 };

        Assert.All(PerfGate.Check(budget, within), static check => Assert.True(check.Passed));
        Assert.All(PerfGate.Check(budget, beyond), static check => Assert.False(check.Passed));
        Assert.Equal(1.0, budget.MaxRatio);
    }
}
