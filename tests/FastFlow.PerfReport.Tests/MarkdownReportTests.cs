using FastFlow.PerfReport.Writers;

namespace FastFlow.PerfReport.Tests;

public class MarkdownReportTests
{
    private static readonly string[] s_lines = Render().Split('\n');

    [Theory]
    [InlineData("| BaselineExecute (baseline) | Execute | 41.87 ns | 41.20 ns | 1.00 | 0 B |")]
    [InlineData("| FastFlowExecute | Execute | 13.70 ns | 13.52 ns | 0.33 | 0 B |")]
    [InlineData("| FastFlowConstruct | Construct | 100.51 ns | 99.20 ns | 2.05 | 88 B |")]
    [InlineData("| ValidateAndCompile | Tasks=5 | 7.80 μs | 7.70 μs | 1.95 | 12.5 KB |")]
    [InlineData("| ValidateAndCompile | Tasks=100 | n/a | n/a | — | 0 B |")]
    [InlineData("| ValidateWithoutExpressions (baseline) | Tasks=100 | 52.00 μs | 51.00 μs | 1.00 | 96 KB |")]
    [InlineData("| RegistryLookup |  | 9.53 ns | 9.32 ns | 1.11 | 0 B |")]
    public void Has_a_row_per_benchmark(string row) => Assert.Contains(row, s_lines);

    [Theory]
    [InlineData("| chain | 13.70 | 41.87 | 23 |")]
    [InlineData("| tree | 14.26 | 45.36 | 40 |")]
    [InlineData("| wavefront | 20.50 | 60.00 | 41 |")]
    [InlineData("| fanout | 17.51 | 77.80 | 46 |")]
    public void Compares_the_shapes_with_taskflow(string row) => Assert.Contains(row, s_lines);

    [Fact]
    public void Tables_have_as_many_rows_as_there_are_benchmarks()
    {
        var suites = s_lines.SkipWhile(l => l != "## Suites");
        var rows = suites.Count(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| Method |", StringComparison.Ordinal));

        Assert.Equal(Sample.Results().Count, rows);
    }

    [Fact]
    public void Names_the_machine_links_the_chart_and_orders_the_suites()
    {
        Assert.Equal("# Benchmarks — 2026-11-23, amd-epyc-2c", s_lines[0]);
        Assert.Contains("cpu:     AMD EPYC", s_lines);
        Assert.Contains("load:    1.31 2.26 2.44 (1, 5, 15 min) when the run ended", s_lines);
        Assert.Contains("![FastFlow, the .NET ThreadPool baseline and Taskflow 4.1, ns per task](2026-11-23-amd-epyc-2c-shapes.svg)", s_lines);
        Assert.Equal(
            [
                "### FastFlow.Benchmarks.ChainBenchmarks",
                "### FastFlow.Benchmarks.Engine.RegistryBenchmarks",
                "### FastFlow.Benchmarks.FanoutBenchmarks",
                "### FastFlow.Benchmarks.TreeBenchmarks",
                "### FastFlow.Benchmarks.Validation.CompileBenchmarks",
                "### FastFlow.Benchmarks.WavefrontBenchmarks",
            ],
            s_lines.Where(l => l.StartsWith("### ", StringComparison.Ordinal)));
    }

    private static string Render()
    {
        using var writer = new StringWriter { NewLine = "\n" };
        MarkdownReport.Write(writer, Sample.Report());
        return writer.ToString();
    }
}
