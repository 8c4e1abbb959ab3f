using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

public sealed class GraphTests : IDisposable
{
    private const string Diamond = """
        id: diamond
        tasks:
          start: { action: noop }
          left: { action: noop, dependencies: [start] }
          right: { action: noop, dependencies: [start] }
          join: { action: noop, dependencies: [left, right] }
        """;

    private const string Cyclic = """
        id: cyclic
        tasks:
          a: { action: noop, dependencies: [c] }
          b: { action: noop, dependencies: [a] }
          c: { action: noop, dependencies: [b] }
          d: { action: noop, dependencies: [ghost] }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Text_is_the_default_and_lists_tasks_by_level()
    {
        _dir.Write("diamond.yaml", Diamond);

        var result = await Tool.RunAsync(_dir.Path, "graph", "diamond.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("workflow diamond", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("level 0", result.Lines);
        Assert.Contains("level 2", result.Lines);
        Assert.Empty(result.StdErr);
    }

    [Theory]
    [InlineData("dot", "digraph")]
    [InlineData("mermaid", "flowchart")]
    public async Task Dot_and_mermaid_export_every_edge(string format, string start)
    {
        _dir.Write("diamond.yaml", Diamond);

        var result = await Tool.RunAsync(_dir.Path, "graph", "diamond.yaml", "--format", format);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(start, result.StdOut.TrimStart(), StringComparison.Ordinal);
        var arrow = format == "dot" ? "->" : "-->";
        Assert.Equal(4, result.Lines.Count(l => l.Contains(arrow, StringComparison.Ordinal)));
        foreach (var task in new[] { "start", "left", "right", "join" })
        {
            Assert.Contains(task, result.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_invalid_definition_is_still_drawn_with_its_problems_and_exits_2()
    {
        _dir.Write("cyclic.yaml", Cyclic);

        var result = await Tool.RunAsync(_dir.Path, "graph", "cyclic.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("workflow cyclic", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("cycles", result.Lines);
        Assert.Contains(result.Lines, static l => l.Contains("a -> b -> c -> a", StringComparison.Ordinal) || l.Contains("c -> a -> b -> c", StringComparison.Ordinal) || l.Contains("b -> c -> a -> b", StringComparison.Ordinal));
        Assert.Contains("ghost", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("cyclic.yaml:6:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("error FF1010", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("cyclic.yaml: invalid (", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_definition_is_drawn_in_dot_with_stdout_kept_clean()
    {
        _dir.Write("cyclic.yaml", Cyclic);

        var result = await Tool.RunAsync(_dir.Path, "graph", "cyclic.yaml", "--format", "dot");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("digraph", result.StdOut.TrimStart(), StringComparison.Ordinal);
        Assert.EndsWith("}", result.StdOut.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("error FF", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("error FF1012", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_writes_the_graph_to_a_file()
    {
        _dir.Write("diamond.yaml", Diamond);

        var result = await Tool.RunAsync(_dir.Path, "graph", "diamond.yaml", "--format", "mermaid", "--output", "flow.mmd");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("flowchart", File.ReadAllText(_dir.Combine("flow.mmd")).TrimStart(), StringComparison.Ordinal);
        Assert.Contains("flow.mmd", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_carries_the_graph_and_the_diagnostics()
    {
        _dir.Write("cyclic.yaml", Cyclic);

        var result = await Tool.RunAsync(_dir.Path, "graph", "cyclic.yaml", "--format", "mermaid", "--json");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json();
        Assert.Equal(["file", "format", "valid", "errors", "warnings", "output", "graph", "diagnostics"], json.EnumerateObject().Select(static p => p.Name));
        Assert.Equal("mermaid", json.GetProperty("format").GetString());
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.StartsWith("flowchart", json.GetProperty("graph").GetString()!.TrimStart(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("diagnostics").EnumerateArray(), static d => d.GetProperty("code").GetString() == "FF1012");
    }

    [Fact]
    public async Task An_unknown_format_is_an_argument_error_that_lists_the_formats()
    {
        _dir.Write("diamond.yaml", Diamond);

        var result = await Tool.RunAsync(_dir.Path, "graph", "diamond.yaml", "--format", "svg");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.StdOut);
        Assert.Contains("'svg'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'text' 'dot' 'mermaid'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("usage: fastflow graph FILE [options]", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_does_not_parse_cannot_be_drawn()
    {
        _dir.Write("bad.yaml", "id: bad\ntasks: [unclosed\n");

        var result = await Tool.RunAsync(_dir.Path, "graph", "bad.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.StdOut);
        Assert.Contains("bad.yaml:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("error FF1001", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("cannot draw 'bad.yaml'", result.StdErr, StringComparison.Ordinal);
    }
}
