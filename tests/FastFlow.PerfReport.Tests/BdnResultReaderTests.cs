using System.Text.Json;
using FastFlow.PerfReport.Results;

namespace FastFlow.PerfReport.Tests;

public class BdnResultReaderTests
{
    [Fact]
    public void Reads_every_case_of_every_json_report_once()
    {
        var results = Sample.Results();

        // 12 shape cases, 4 compile cases, and the registry's 2 although two files hold them.
        Assert.Equal(18, results.Count);
        Assert.Equal(2, results.Count(r => r.Suite == "RegistryBenchmarks"));
        Assert.Equal(
            ["ChainBenchmarks", "CompileBenchmarks", "FanoutBenchmarks", "RegistryBenchmarks", "TreeBenchmarks", "WavefrontBenchmarks"],
            results.Select(r => r.Suite).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reads_mean_median_allocation_and_job()
    {
        var construct = Sample.Results().Single(r => r.Suite == "ChainBenchmarks" && r.Method == "FastFlowConstruct");

        Assert.Equal("FastFlow.Benchmarks", construct.Namespace);
        Assert.Equal(100.51, construct.MeanNs);
        Assert.Equal(99.2, construct.MedianNs);
        Assert.Equal(88, construct.AllocatedBytes);
        Assert.Equal("DefaultJob", construct.Job);
        Assert.Equal(string.Empty, construct.Parameters);
    }

    [Fact]
    public void Keeps_parameters_and_reads_a_failed_case_as_unmeasured()
    {
        var compile = Sample.Results().Where(r => r.Suite == "CompileBenchmarks" && r.Method == "ValidateAndCompile").ToArray();

        Assert.Equal(["Tasks=5", "Tasks=100"], compile.Select(r => r.Parameters));
        Assert.Equal(7800.0, compile[0].MeanNs);
        Assert.Null(compile[1].MeanNs);
        Assert.Null(compile[1].MedianNs);
    }

    [Theory]
    [InlineData("RegistryBenchmarks.DictionaryLookup: Dry(IterationCount=1, LaunchCount=1)", "Dry")]
    [InlineData("CompileBenchmarks.ValidateAndCompile: DefaultJob [Tasks=5]", "DefaultJob")]
    [InlineData("ChainBenchmarks.FastFlowExecute: ShortRun(IterationCount=3) [N=1]", "ShortRun")]
    [InlineData("no job here", "")]
    public void Finds_the_job_in_the_display_info(string displayInfo, string job) =>
        Assert.Equal(job, BdnResultReader.JobOf(displayInfo));

    [Fact]
    public void Reads_not_a_number_as_unmeasured()
    {
        var results = BdnResultReader.Read("""{"Benchmarks":[{"Type":"S","Method":"M","Statistics":{"Mean":"","Median":3.5}}]}""");

        Assert.Null(results[0].MeanNs);
        Assert.Equal(3.5, results[0].MedianNs);
        Assert.Null(results[0].AllocatedBytes);
    }

    [Fact]
    public void Refuses_json_that_is_not_a_report() =>
        Assert.Throws<JsonException>(() => BdnResultReader.Read("""{"Title":"x"}"""));
}
