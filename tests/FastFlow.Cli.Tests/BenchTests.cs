using System.Text.Json;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary><c>fastflow bench</c> run as users run it: the real binary, small sizes, its JSON
/// object and table, and every argument mistake as exit 2 with what to do.</summary>
public sealed class BenchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public BenchTests()
    {
        _dir.Write("flow.yaml", """
            id: three-steps
            inputs:
              who: { type: string, required: true }
            tasks:
              greet: { action: set, parameters: { values: { text: "hi ${{ inputs.who }}" } } }
              check: { action: noop, dependencies: [greet] }
              done: { action: noop, dependencies: [check] }
            """);
        _dir.Write("failing.yaml", """
            id: always-fails
            tasks:
              boom: { action: fail, parameters: { message: "no" } }
            """);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("chain", "3000", 3000)]
    [InlineData("tree", "4095", 4095)]
    [InlineData("wavefront", "4096", 4096)]
    [InlineData("fanout", "3000", 3001)]
    public async Task A_shape_reports_the_documented_json_object(string shape, string size, int tasks)
    {
        var result = await Tool.RunAsync(_dir.Path, "bench", "--shape", shape, "--size", size, "--rounds", "2", "--workers", "2", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal(shape, root.GetProperty("shape").GetString());
        Assert.Equal(tasks, root.GetProperty("tasks").GetInt32());
        Assert.Equal(2, root.GetProperty("workers").GetInt32());
        foreach (var figure in new[] { "construct_ns_per_task", "exec_ns_per_task", "baseline_exec_ns_per_task", "ratio_to_baseline" })
        {
            Assert.True(root.GetProperty(figure).GetDouble() > 0, $"{figure} in {result.StdOut}");
        }

        Assert.True(root.GetProperty("alloc_bytes_per_task").GetDouble() >= 0);
        var ratio = root.GetProperty("exec_ns_per_task").GetDouble() / root.GetProperty("baseline_exec_ns_per_task").GetDouble();
        // Each figure is rounded on its own (times to 0.01 ns, the ratio to 0.001), so the ratio
        // recomputed from the rounded times agrees within those roundings, not to the last digit.
        Assert.Equal(ratio, root.GetProperty("ratio_to_baseline").GetDouble(), tolerance: 0.005);
    }

    [Fact]
    public async Task A_shape_without_json_prints_a_table_against_the_baseline()
    {
        var result = await Tool.RunAsync(_dir.Path, "bench", "--shape", "chain", "--size", "2000", "--rounds", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("chain: 2,000 empty tasks", result.StdOut, StringComparison.Ordinal);
        Assert.Contains(".NET baseline", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("ns/task", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("the baseline's time per task", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_is_run_as_many_times_as_asked_with_latency_percentiles()
    {
        var result = await Tool.RunAsync(_dir.Path, "bench", "--workflow", "flow.yaml", "--input", "who=bench", "--runs", "300", "--warmup", "20", "--concurrency", "4", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal("three-steps", root.GetProperty("workflow_id").GetString());
        Assert.Equal((300, 20, 4, 300, 0), (
            root.GetProperty("runs").GetInt32(),
            root.GetProperty("warmup_runs").GetInt32(),
            root.GetProperty("concurrency").GetInt32(),
            root.GetProperty("completed").GetInt32(),
            root.GetProperty("failed").GetInt32()));
        Assert.Equal("none", root.GetProperty("durability").GetString());
        Assert.True(root.GetProperty("runs_per_second").GetDouble() > 0);
        var latency = root.GetProperty("latency_us");
        var p50 = latency.GetProperty("p50").GetDouble();
        var p99 = latency.GetProperty("p99").GetDouble();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= latency.GetProperty("max").GetDouble(), latency.ToString());
    }

    [Theory]
    [InlineData("batched")]
    [InlineData("immediate")]
    public async Task A_durable_mode_journals_every_run_into_a_store_of_its_own(string mode)
    {
        var result = await Tool.RunAsync(_dir.Path, "bench", "--workflow", "flow.yaml", "--input", "who=bench", "--runs", "200", "--warmup", "10", "--concurrency", "16", "--durability", mode, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal(mode, json.RootElement.GetProperty("durability").GetString());
        Assert.Equal(200, json.RootElement.GetProperty("completed").GetInt32());
        // The measurement's store lives in a temporary directory, not in the working directory.
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, ".fastflow")));
    }

    [Fact]
    public async Task A_workflow_table_shows_throughput_and_percentiles()
    {
        var result = await Tool.RunAsync(_dir.Path, "bench", "--workflow", "flow.yaml", "-i", "who=x", "--runs", "100");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var column in new[] { "runs/s", "p50", "p90", "p99", "max", "completed" })
        {
            Assert.Contains(column, result.StdOut, StringComparison.Ordinal);
        }

        Assert.Contains("three-steps: 100 runs, 1 at a time", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_that_fail_are_reported_and_exit_1()
    {
        var result = await Tool.RunAsync(_dir.Path, "bench", "--workflow", "failing.yaml", "--runs", "50", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal((0, 50), (json.RootElement.GetProperty("completed").GetInt32(), json.RootElement.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task An_invalid_workflow_is_reported_like_run_does_and_nothing_is_measured()
    {
        var result = await Tool.RunAsync(_dir.Path, "bench", "--workflow", "flow.yaml", "--runs", "10");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("the required input 'who'", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Theory]
    [InlineData("Say what to measure", "--size", "10")]
    [InlineData("either --shape or --workflow, not both", "--shape", "chain", "--workflow", "flow.yaml")]
    [InlineData("--shape 'spiral' is not a shape; use one of: chain, tree, wavefront, fanout.", "--shape", "spiral")]
    [InlineData("--size '0' is not a whole number of at least 1", "--shape", "chain", "--size", "0")]
    [InlineData("--size 'lots' is not a whole number", "--shape", "chain", "--size", "lots")]
    [InlineData("--runs applies to --workflow, not to --shape", "--shape", "chain", "--runs", "10")]
    [InlineData("--size applies to --shape, not to --workflow", "--workflow", "flow.yaml", "--size", "10")]
    [InlineData("--concurrency '-1'", "--workflow", "flow.yaml", "--concurrency", "-1")]
    [InlineData("--durability 'sometimes' is not a durability mode; use one of: none, batched, immediate.", "--workflow", "flow.yaml", "--durability", "sometimes")]
    public async Task Argument_mistakes_exit_2_and_say_what_to_write(string expected, params string[] args)
    {
        var result = await Tool.RunAsync(_dir.Path, ["bench", .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("usage: fastflow bench", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--server 127.0.0.1:7400: this version of fastflow cannot drive a server yet", "--server", "127.0.0.1:7400")]
    public async Task What_this_version_cannot_measure_is_refused_rather_than_measured_otherwise(string expected, params string[] args)
    {
        var result = await Tool.RunAsync(_dir.Path, ["bench", "--workflow", "flow.yaml", "-i", "who=x", .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint:", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }
}
