using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

public sealed class ValidateTests : IDisposable
{
    private const string Valid = """
        id: valid-flow
        tasks:
          a: { action: noop }
          b: { action: noop, dependencies: [a] }
        """;

    /// <summary>Four mistakes at known places: an unknown field (line 4), an unknown dependency
    /// (line 6), a broken expression (line 8) and a cycle (lines 10 and 12).</summary>
    private const string Broken = """
        id: broken-flow
        tasks:
          a:
            actoin: noop
          b:
            dependencies: [a, nope]
          c:
            when: "inputs.x >"
          d:
            dependencies: [e]
          e:
            dependencies: [d]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_valid_file_exits_0_with_a_summary_line()
    {
        _dir.Write("flow.yaml", Valid);

        var result = await Tool.RunAsync(_dir.Path, "validate", "flow.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["flow.yaml: valid"], result.Lines);
    }

    [Fact]
    public async Task A_file_with_several_mistakes_exits_2_and_prints_every_one_at_its_line_and_column()
    {
        _dir.Write("broken.yaml", Broken);

        var result = await Tool.RunAsync(_dir.Path, "validate", "broken.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        var errors = result.Lines.Where(static l => l.StartsWith("broken.yaml:", StringComparison.Ordinal) && l.Contains(": error FF", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, static l => l.StartsWith("broken.yaml:4:5: error FF1002:", StringComparison.Ordinal) && l.EndsWith("[tasks.a.actoin]", StringComparison.Ordinal));
        Assert.Contains(errors, static l => l.StartsWith("broken.yaml:6:23: error FF1010:", StringComparison.Ordinal) && l.EndsWith("[tasks.b.dependencies[1]]", StringComparison.Ordinal));
        Assert.Contains(errors, static l => l.StartsWith("broken.yaml:8:", StringComparison.Ordinal) && l.Contains("error FF1030:", StringComparison.Ordinal));
        Assert.Contains(errors, static l => l.Contains("error FF1012:", StringComparison.Ordinal) && l.Contains("d -> e -> d", StringComparison.Ordinal));
        Assert.Contains("  hint: did you mean 'action'?", result.Lines.Select(static l => "  " + l));
        // The expression is shown with a caret under the place of the error.
        Assert.Contains("inputs.x >", result.Lines);
        Assert.Contains("^", result.Lines);
        Assert.EndsWith($"broken.yaml: invalid ({errors.Count} errors)", result.StdOut.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lists_each_file_with_its_counts_and_diagnostics()
    {
        _dir.Write("good.yaml", Valid);
        _dir.Write("broken.yaml", Broken);

        var result = await Tool.RunAsync(_dir.Path, "validate", "good.yaml", "broken.yaml", "--json");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json();
        Assert.Equal(["files"], json.EnumerateObject().Select(static p => p.Name));
        var files = json.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(["file", "valid", "errors", "warnings", "diagnostics"], files[0].EnumerateObject().Select(static p => p.Name));
        Assert.Equal(("good.yaml", true, 0, 0), (files[0].GetProperty("file").GetString(), files[0].GetProperty("valid").GetBoolean(), files[0].GetProperty("errors").GetInt32(), files[0].GetProperty("warnings").GetInt32()));
        Assert.Empty(files[0].GetProperty("diagnostics").EnumerateArray());

        var broken = files[1];
        Assert.False(broken.GetProperty("valid").GetBoolean());
        var diagnostics = broken.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(broken.GetProperty("errors").GetInt32(), diagnostics.Count(static d => d.GetProperty("severity").GetString() == "error"));
        var unknownField = diagnostics.Single(static d => d.GetProperty("code").GetString() == "FF1002");
        Assert.Equal(["code", "severity", "message", "hint", "path", "line", "column"], unknownField.EnumerateObject().Select(static p => p.Name));
        Assert.Equal(("tasks.a.actoin", 4, 5, "did you mean 'action'?"),
            (unknownField.GetProperty("path").GetString(), unknownField.GetProperty("line").GetInt32(), unknownField.GetProperty("column").GetInt32(), unknownField.GetProperty("hint").GetString()));
        var expression = diagnostics.Single(static d => d.GetProperty("code").GetString() == "FF1030");
        Assert.Equal(["code", "severity", "message", "hint", "path", "line", "column", "expression", "expression_column"], expression.EnumerateObject().Select(static p => p.Name));
        Assert.Equal("inputs.x >", expression.GetProperty("expression").GetString());
        Assert.True(expression.GetProperty("expression_column").GetInt32() > 0);
    }

    [Fact]
    public async Task A_missing_file_is_invalid_input_with_the_reason()
    {
        var result = await Tool.RunAsync(_dir.Path, "validate", "missing.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("missing.yaml: error FF1001: cannot read the file", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("missing.yaml: invalid (1 error)", result.Lines);
    }

    [Fact]
    public async Task Each_file_gets_its_summary_and_one_invalid_file_makes_the_exit_code_2()
    {
        _dir.Write("a.yaml", Valid);
        _dir.Write("b.json", """{ "id": "b", "tasks": { "x": { "action": "noop", "dependencies": ["y"] } } }""");

        var result = await Tool.RunAsync(_dir.Path, "validate", "a.yaml", "b.json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("a.yaml: valid", result.Lines);
        Assert.Contains("b.json: invalid (1 error)", result.Lines);
        Assert.Contains(result.Lines, static l => l.StartsWith("b.json:1:", StringComparison.Ordinal) && l.Contains("error FF1010", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warnings_keep_a_file_valid()
    {
        _dir.Write("warn.yaml", """
            id: warn
            tasks:
              a: { action: noop }
              b: { action: noop, dependencies: [a, a] }
            """);

        var result = await Tool.RunAsync(_dir.Path, "validate", "warn.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Lines, static l => l.StartsWith("warn.yaml:4:", StringComparison.Ordinal) && l.Contains("warning FF1013", StringComparison.Ordinal));
        Assert.Contains("warn.yaml: valid (1 warning)", result.Lines);
    }

    [Fact]
    public async Task A_problem_found_by_both_the_loader_and_the_validator_is_printed_once()
    {
        _dir.Write("ids.yaml", """
            id: ids
            tasks:
              "bad id!": { action: noop }
            """);

        var result = await Tool.RunAsync(_dir.Path, "validate", "ids.yaml", "--json");

        var diagnostics = result.Json().GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.NotEmpty(diagnostics);
        var keys = diagnostics.Select(static d => (d.GetProperty("code").GetString(), d.GetProperty("path").GetString())).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
    }

    [Fact]
    public async Task The_seed_examples_are_valid_on_their_own()
    {
        var examples = new[] { "simple-analysis.yaml", "simple-analysis.json", "multi-agent-processing.yaml", "multi-agent-processing.json" }
            .Select(RepoFiles.Example)
            .ToArray();

        var result = await Tool.RunAsync(RepoFiles.Root, ["validate", .. examples, "--json"]);

        var files = result.Json().GetProperty("files").EnumerateArray().ToList();
        Assert.All(files, static f => Assert.True(f.GetProperty("valid").GetBoolean(), f.ToString()));
        Assert.Equal(0, result.ExitCode);
    }
}
