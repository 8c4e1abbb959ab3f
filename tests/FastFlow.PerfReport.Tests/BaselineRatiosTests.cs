using FastFlow.PerfReport.Results;

namespace FastFlow.PerfReport.Tests;

public class BaselineRatiosTests
{
    [Fact]
    public void Divides_by_the_baseline_of_the_same_category()
    {
        var report = Sample.Report();

        Assert.Equal(13.7 / 41.87, Sample.Row(report, "ChainBenchmarks", "FastFlowExecute").Ratio!.Value, 12);
        // Construction is compared with the baseline's construction, not with its execution.
        Assert.Equal(100.51 / 49.03, Sample.Row(report, "ChainBenchmarks", "FastFlowConstruct").Ratio!.Value, 12);
        Assert.Equal(78.37 / 53.82, Sample.Row(report, "TreeBenchmarks", "FastFlowConstruct").Ratio!.Value, 12);
        Assert.Equal(9.533 / 8.562, Sample.Row(report, "RegistryBenchmarks", "RegistryLookup").Ratio!.Value, 12);
    }

    [Fact]
    public void A_baseline_has_ratio_one_and_is_marked()
    {
        var baseline = Sample.Row(Sample.Report(), "ChainBenchmarks", "BaselineConstruct");

        Assert.True(baseline.IsBaseline);
        Assert.Equal("Construct", baseline.Category);
        Assert.Equal(1.0, baseline.Ratio);
    }

    [Fact]
    public void Divides_by_the_baseline_with_the_same_parameters()
    {
        var report = Sample.Report();

        Assert.Equal(7800.0 / 4000.0, Sample.Row(report, "CompileBenchmarks", "ValidateAndCompile", "Tasks=5").Ratio!.Value, 12);
        Assert.Null(Sample.Row(report, "CompileBenchmarks", "ValidateAndCompile", "Tasks=100").Ratio);
        Assert.Equal(1.0, Sample.Row(report, "CompileBenchmarks", "ValidateWithoutExpressions", "Tasks=100").Ratio);
    }

    [Fact]
    public void No_ratio_without_a_baseline()
    {
        var results = Sample.Results();
        var catalog = new BenchmarkCatalog([new CatalogEntry("ChainBenchmarks", "FastFlowExecute", "Execute", IsBaseline: false)]);

        Assert.All(BaselineRatios.Compute(results, catalog), row => Assert.Null(row.Ratio));
    }

    [Fact]
    public void No_ratio_across_jobs()
    {
        BenchmarkResult Case(string method, string job, double mean) => new("N", "S", method, "", job, mean, mean, 0);
        var catalog = new BenchmarkCatalog([new CatalogEntry("S", "Base", "", IsBaseline: true), new CatalogEntry("S", "Fast", "", IsBaseline: false)]);

        var rows = BaselineRatios.Compute([Case("Base", "Dry", 10), Case("Fast", "Dry", 5), Case("Fast", "ShortRun", 4)], catalog);

        Assert.Equal(0.5, rows[1].Ratio);
        Assert.Null(rows[2].Ratio);
    }
}
