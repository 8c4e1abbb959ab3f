using System.Text.Json;
using FastFlow.PerfReport.Writers;

namespace FastFlow.PerfReport.Tests;

public class JsonSummaryTests
{
    private static readonly JsonElement s_summary = Render();

    [Fact]
    public void Has_one_entry_per_benchmark_with_its_figures_and_ratio()
    {
        var benchmarks = s_summary.GetProperty("benchmarks").EnumerateArray().ToArray();
        var execute = benchmarks.Single(b => b.GetProperty("suite").GetString() == "ChainBenchmarks" && b.GetProperty("method").GetString() == "FastFlowExecute");

        Assert.Equal(Sample.Results().Count, benchmarks.Length);
        Assert.Equal(13.7, execute.GetProperty("mean_ns").GetDouble());
        Assert.Equal(13.52, execute.GetProperty("median_ns").GetDouble());
        Assert.Equal(0, execute.GetProperty("allocated_bytes").GetInt64());
        Assert.Equal(13.7 / 41.87, execute.GetProperty("ratio").GetDouble(), 12);
        Assert.Equal("Execute", execute.GetProperty("category").GetString());
        Assert.False(execute.GetProperty("baseline").GetBoolean());
    }

    [Fact]
    public void A_failed_case_has_null_figures()
    {
        var failed = s_summary.GetProperty("benchmarks").EnumerateArray()
            .Single(b => b.GetProperty("method").GetString() == "ValidateAndCompile" && b.GetProperty("parameters").GetString() == "Tasks=100");

        Assert.Equal(JsonValueKind.Null, failed.GetProperty("mean_ns").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("ratio").ValueKind);
    }

    [Fact]
    public void Lists_the_shapes_beside_taskflow_and_the_machine()
    {
        var shapes = s_summary.GetProperty("shapes").EnumerateArray().ToArray();

        Assert.Equal(["chain", "tree", "wavefront", "fanout"], shapes.Select(s => s.GetProperty("shape").GetString()));
        Assert.Equal([23.0, 40, 41, 46], shapes.Select(s => s.GetProperty("taskflow_4_1_ns_per_task").GetDouble()));
        Assert.Equal(77.8, shapes[3].GetProperty("baseline_ns_per_task").GetDouble());
        Assert.Equal("amd-epyc-2c", s_summary.GetProperty("machine").GetProperty("slug").GetString());
        Assert.Equal("2026-11-23", s_summary.GetProperty("date").GetString());
    }

    private static JsonElement Render()
    {
        using var stream = new MemoryStream();
        JsonSummary.Write(stream, Sample.Report());
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }
}
