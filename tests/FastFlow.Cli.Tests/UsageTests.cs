using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary>Argument mistakes (exit 2 with a usage hint), --help and --version.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public UsageTests() => _dir.Write("flow.yaml", "id: flow\ntasks:\n  a: { action: noop }\n");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("validate", "flow.yaml", "--jsn")]
    [InlineData("run", "flow.yaml", "--jsn")]
    [InlineData("graph", "--jsn", "flow.yaml")]
    public async Task A_mistyped_option_exits_2_with_a_suggestion_and_the_usage(string command, string first, string second)
    {
        var result = await Tool.RunAsync(_dir.Path, command, first, second);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.StdOut);
        Assert.Contains($"fastflow {command}: error:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'--jsn'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("did you mean '--json'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"usage: fastflow {command} FILE", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"fastflow {command} --help", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--agents", "--agents needs a path, not an empty value.")]
    [InlineData("run", "--file-root", "--file-root needs a path, not an empty value.")]
    [InlineData("validate", "--agents", "--agents needs a path, not an empty value.")]
    [InlineData("graph", "--output", "--output needs a path, not an empty value.")]
    public async Task An_empty_path_is_an_argument_error(string command, string option, string message)
    {
        var result = await Tool.RunAsync(_dir.Path, command, "flow.yaml", option, "");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_that_is_not_a_number_is_an_argument_error()
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--timeout", "soon");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--timeout 'soon' is not a number of seconds", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_argument_exits_2()
    {
        var result = await Tool.RunAsync(_dir.Path, "run");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Required argument missing", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("usage: fastflow run FILE [options]", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_of_a_file_that_does_not_exist_exits_2_with_the_reason()
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "missing.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("missing.yaml: error FF1001: cannot read the file", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2_with_a_suggestion()
    {
        var result = await Tool.RunAsync(_dir.Path, "valdate", "flow.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("unknown command 'valdate'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'validate'?", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_exits_2_and_lists_the_commands()
    {
        var result = await Tool.RunAsync(_dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no command given", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("commands: validate, graph, run", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_argument_error_with_json_prints_an_error_object()
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--json", "--bogus");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = result.Json().GetProperty("error");
        Assert.Contains("'--bogus'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("usage: fastflow run FILE [options]", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var result = await Tool.RunAsync(_dir.Path, "--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", result.StdOut);
    }

    [Theory]
    [InlineData("validate", "--agents")]
    [InlineData("graph", "--format")]
    [InlineData("run", "--inputs-file")]
    public async Task Each_command_has_help_with_its_options_and_examples(string command, string option)
    {
        var result = await Tool.RunAsync(_dir.Path, command, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"fastflow {command}", result.StdOut, StringComparison.Ordinal);
        Assert.Contains(option, result.StdOut, StringComparison.Ordinal);
        Assert.Contains("--json", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith($"fastflow {command} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_root_help_lists_the_commands_and_the_exit_codes()
    {
        var result = await Tool.RunAsync(_dir.Path, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in new[] { "validate", "graph", "run" })
        {
            Assert.Contains(result.Lines, l => l.StartsWith(command + " ", StringComparison.Ordinal));
        }

        Assert.Contains("Exit codes:", result.Lines);
        Assert.Contains(result.Lines, static l => l.StartsWith("4 ", StringComparison.Ordinal) && l.Contains("paused", StringComparison.Ordinal));
    }
}
