using FastFlow.Bench.Gate;
using FastFlow.Bench.Shapes;

namespace FastFlow.Bench.Tests;

/// <summary>The budget file: the committed one is complete, and mistakes in one say where.</summary>
public sealed class PerfBudgetTests
{
    [Fact]
    public void The_committed_budget_checks_every_shape_and_the_five_task_run()
    {
        var budget = PerfBudget.Load("perf-gate.json");

        Assert.Equal(Enum.GetValues<DagShape>().Order(), budget.Shapes.Select(static shape => shape.Shape).Order());
        Assert.All(budget.Shapes, static shape => Assert.True(shape.MaxAllocBytesPerTask < 1, $"{shape.Shape} allows {shape.MaxAllocBytesPerTask} B/task"));
        Assert.NotNull(budget.FiveTaskRun);
    }

    [Fact]
    public void Snake_case_fields_are_read()
    {
        var budget = PerfBudget.Parse("""
            {
              "rounds": 2, "workers": 1,
              "shapes": [ { "shape": "wavefront", "tasks": 4096, "max_alloc_bytes_per_task": 0.1, "reference_ratio": 0.3, "ratio_tolerance": 2.5 } ],
              "five_task_run": { "runs": 100, "max_alloc_bytes_per_run": 900 }
            }
            """, "budget.json");

        Assert.Equal(new ShapeBudget(DagShape.Wavefront, 4096, 0.1, 0.3, 2.5), Assert.Single(budget.Shapes));
        Assert.Equal(new FiveTaskRunBudget(100, 900), budget.FiveTaskRun);
        Assert.Equal(0.75, budget.Shapes[0].MaxRatio, 6);
    }

    [Theory]
    [InlineData("""{ "shapes": [ { "shape": "spiral", "tasks": 1, "max_alloc_bytes_per_task": 0, "reference_ratio": 1, "ratio_tolerance": 1 } ] }""", "budget.json:1:")]
    [InlineData("""{ "rounds": 2, "colour": "red" }""", "colour")]
    [InlineData("""{ "rounds": 0 }""", "rounds, attempts and workers must be at least 1")]
    [InlineData("""{ "shapes": [ { "shape": "chain", "tasks": 10, "max_alloc_bytes_per_task": 0, "reference_ratio": 0.2, "ratio_tolerance": 0.5 } ] }""", "shapes[0] (Chain)")]
    [InlineData("""{ "five_task_run": { "runs": 0, "max_alloc_bytes_per_run": 1 } }""", "five_task_run")]
    [InlineData("null", "the budget is null")]
    [InlineData("{ \"rounds\": ", "budget.json")]
    public void A_mistake_names_the_file_and_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<PerfBudgetException>(() => PerfBudget.Parse(json, "budget.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("budget.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_budget_error()
    {
        var error = Assert.Throws<PerfBudgetException>(() => PerfBudget.Load("no-such-budget.json"));

        Assert.Contains("no-such-budget.json: cannot read the budget file", error.Message, StringComparison.Ordinal);
    }
}
