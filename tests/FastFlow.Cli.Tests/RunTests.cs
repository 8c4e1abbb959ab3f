using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary><c>run</c>'s exit codes, progress lines, summary and refusals.</summary>
public sealed class RunTests : IDisposable
{
    private const string Quick = """
        id: quick
        name: Quick flow
        tasks:
          first: { action: set, parameters: { values: { rows: 3 } } }
          second: { action: noop, dependencies: [first], parameters: { rows: "${{ tasks.first.output.rows }}" } }
        outputs:
          rows: "${{ tasks.second.output.rows }}"
        """;

    /// <summary>A run that waits 60 s in its second task, to be interrupted.</summary>
    private const string Slow = """
        id: slow
        tasks:
          first: { action: noop }
          wait: { action: delay, dependencies: [first], parameters: { seconds: 60 } }
          after: { action: noop, dependencies: [wait] }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Progress_in_a_pipe_is_one_timestamped_line_per_event_then_a_summary()
    {
        _dir.Write("quick.yaml", Quick);

        var result = await Tool.RunAsync(_dir.Path, "run", "quick.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines;
        Assert.Contains(lines, static l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:\d\d:\d\d\.\d{3} workflow\.started quick$"));
        Assert.Contains(lines, static l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:\d\d:\d\d\.\d{3} task\.started first$"));
        Assert.Contains(lines, static l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:\d\d:\d\d\.\d{3} task\.completed second \(.+\)$"));
        var started = Array.FindIndex(lines, static l => l.EndsWith("task.started second", StringComparison.Ordinal));
        var completed = Array.FindIndex(lines, static l => l.EndsWith(" workflow.completed quick", StringComparison.Ordinal));
        Assert.InRange(started, 0, completed - 1);
        // The summary: status and duration, one row per task, the outputs.
        Assert.Contains(lines, static l => l.StartsWith("Quick flow (quick) completed in ", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.Contains("│ first ", StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.Contains("│ second", StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal));
        Assert.Equal("rows: 3", lines[^1]);
    }

    [Fact]
    public async Task Quiet_prints_only_the_summary()
    {
        _dir.Write("quick.yaml", Quick);

        var result = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("task.started", result.StdOut, StringComparison.Ordinal);
        Assert.StartsWith("Quick flow (quick) completed in ", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_exits_1_and_its_summary_shows_the_error()
    {
        _dir.Write("fail.yaml", """
            id: failing
            tasks:
              broken: { action: fail, parameters: { category: permanent, message: "disk full" } }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "fail.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(result.Lines, static l => l.EndsWith("task.failed broken (failed): permanent: disk full", StringComparison.Ordinal));
        Assert.Contains("✗ broken (failed, permanent): disk full", result.Lines);
    }

    [Fact]
    public async Task An_invalid_definition_exits_2_before_anything_runs()
    {
        _dir.Write("bad.yaml", """
            id: bad
            tasks:
              a: { action: noop, dependencies: [b] }
              b: { action: nope }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "bad.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.StdOut);
        Assert.Contains("bad.yaml:4:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("error FF1020", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("fastflow: error: bad.yaml is not valid (1 error); nothing ran", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_of_the_definition_and_of_the_inputs_are_reported_together()
    {
        _dir.Write("bad.yaml", """
            id: bad
            inputs:
              size: { type: integer, required: true }
            tasks:
              a: { action: noop, dependencies: [b] }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "bad.yaml", "--input", "size=big", "--input", "oops");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("bad.yaml:5:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("error FF1010", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("error FF1104: --input 'oops' is not of the form name=value", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("fastflow: error: bad.yaml is not valid (1 error); 1 input problem; nothing ran", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_definition_with_json_prints_an_error_object_with_the_diagnostics()
    {
        _dir.Write("bad.yaml", "id: bad\ntasks:\n  a: { action: noop, dependencies: [zz] }\n");

        var result = await Tool.RunAsync(_dir.Path, "run", "bad.yaml", "--json");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json();
        Assert.Equal(["error", "diagnostics"], json.EnumerateObject().Select(static p => p.Name));
        Assert.Contains("nothing ran", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var diagnostic = Assert.Single(json.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("FF1010", 3, "bad.yaml"), (diagnostic.GetProperty("code").GetString(), diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("file").GetString()));
    }

    [Fact]
    public async Task A_run_paused_by_a_failure_exits_4_and_says_how_to_resume_it()
    {
        _dir.Write("pause.yaml", """
            id: pausing
            tasks:
              check: { action: fail, on_failure: pause, parameters: { message: "needs a person" } }
              after: { action: noop, dependencies: [check] }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "pause.yaml");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains(result.Lines, static l => l.EndsWith("workflow.paused pausing", StringComparison.Ordinal));
        Assert.Contains(result.Lines, static l => l.StartsWith("pausing paused in ", StringComparison.Ordinal));
        Assert.Contains("paused: task check failed and its on_failure is pause.", result.Lines);
        var id = result.Lines.Single(static l => l.StartsWith("run ", StringComparison.Ordinal))[4..];
        Assert.Contains($"fix what made it fail, then `fastflow resume {id}` tries it again;", result.Lines);
        Assert.Contains($"`fastflow rollback {id}` goes back to a checkpoint, `fastflow cancel {id}` ends it.", result.Lines);
    }

    [Fact]
    public async Task A_run_in_memory_that_pauses_says_it_cannot_be_resumed()
    {
        _dir.Write("pause.yaml", "id: pausing\ntasks:\n  check: { action: fail, on_failure: pause }\n");

        var result = await Tool.RunAsync(_dir.Path, "run", "pause.yaml", "--in-memory");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("The run was kept in memory (--in-memory), so it ends here and cannot be resumed", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_run_with_json_prints_the_run_object_with_status_paused()
    {
        _dir.Write("pause.yaml", "id: pausing\ntasks:\n  check: { action: fail, on_failure: pause }\n");

        var result = await Tool.RunAsync(_dir.Path, "run", "pause.yaml", "--json");

        Assert.True(result.ExitCode == 4, result.ToString());
        var json = result.Json();
        Assert.Equal("paused", json.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("completed_at").ValueKind);
        Assert.Equal("failed", json.GetProperty("tasks").GetProperty("check").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ctrl_c_cancels_gracefully_and_exits_3()
    {
        _dir.Write("slow.yaml", Slow);
        await using var process = Tool.Start(_dir.Path, "run", "slow.yaml");

        await process.WaitForLineAsync("task.started wait");
        await process.InterruptAsync();
        var notice = await process.WaitForLineAsync("cancelling");
        var result = await process.WaitAsync();

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("press Ctrl-C again", notice, StringComparison.Ordinal);
        Assert.Contains(result.Lines, static l => l.Contains("workflow.cancelled slow", StringComparison.Ordinal));
        Assert.Contains("cancelled by Ctrl-C", result.Lines);
        Assert.Contains(result.Lines, static l => l.Contains("│ wait ", StringComparison.Ordinal) && l.Contains("cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeout_cancels_the_run_and_exits_3()
    {
        _dir.Write("slow.yaml", Slow);

        var result = await Tool.RunAsync(_dir.Path, "run", "slow.yaml", "--timeout", "0.5", "--json");

        Assert.True(result.ExitCode == 3, result.ToString());
        var json = result.Json();
        Assert.Equal("cancelled", json.GetProperty("status").GetString());
        Assert.Equal("completed", json.GetProperty("tasks").GetProperty("first").GetProperty("status").GetString());
        Assert.Equal("cancelled", json.GetProperty("tasks").GetProperty("wait").GetProperty("status").GetString());
        Assert.Contains("--timeout 0.5 s reached: cancelling", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task A_timeout_that_is_not_above_zero_is_refused(string seconds)
    {
        _dir.Write("quick.yaml", Quick);

        var result = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--timeout", seconds);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"--timeout {seconds} is not a number of seconds above 0", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_memory_runs_as_before()
    {
        _dir.Write("quick.yaml", Quick);

        var result = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--in-memory", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed", result.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_file_root_that_is_not_a_directory_is_refused()
    {
        _dir.Write("quick.yaml", Quick);

        var result = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--file-root", "no-such-dir");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("the file root 'no-such-dir' is not a directory", result.StdErr, StringComparison.Ordinal);
    }
}
