using System.Reflection;
using BenchmarkDotNet.Attributes;
using FastFlow.PerfReport.Results;

namespace FastFlow.PerfReport.Tests;

/// <summary>STYLE.md's rule for benchmarks, held for every suite of bench/FastFlow.Benchmarks:
/// a memory diagnoser, and a baseline in the same class (one per category when it has some).</summary>
public class BenchmarkSuiteRulesTests
{
    private static readonly BenchmarkCatalog s_catalog = BenchmarkCatalog.ForFastFlowBenchmarks();

    public static TheoryData<string> Suites() => [.. s_catalog.Entries.Select(e => e.Suite).Distinct()];

    [Fact]
    public void The_catalog_finds_every_suite()
    {
        var suites = s_catalog.Entries.Select(e => e.Suite).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "ChainBenchmarks", "TreeBenchmarks", "WavefrontBenchmarks", "FanoutBenchmarks", "FiveTaskRunBenchmarks", "RegistryBenchmarks", "CompileBenchmarks", "ExpressionBenchmarks" },
            suites);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Every_category_of_a_suite_has_one_baseline(string suite)
    {
        foreach (var category in s_catalog.Entries.Where(e => e.Suite == suite).GroupBy(e => e.Category))
        {
            Assert.True(category.Count(e => e.IsBaseline) == 1, $"{suite}, category '{category.Key}': {category.Count(e => e.IsBaseline)} baselines");
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Every_suite_has_the_memory_diagnoser(string suite)
    {
        var type = typeof(Benchmarks.Program).Assembly.GetExportedTypes().Single(t => t.Name == suite);

        Assert.NotNull(type.GetCustomAttribute<MemoryDiagnoserAttribute>(inherit: true));
    }

    [Fact]
    public void The_shape_suites_compare_execution_and_construction_separately()
    {
        var chain = s_catalog.Entries.Where(e => e.Suite == "ChainBenchmarks").ToDictionary(e => e.Method);

        Assert.Equal("Execute", chain["FastFlowExecute"].Category);
        Assert.True(chain["BaselineExecute"].IsBaseline);
        Assert.Equal("Construct", chain["FastFlowConstruct"].Category);
        Assert.True(chain["BaselineConstruct"].IsBaseline);
    }
}
