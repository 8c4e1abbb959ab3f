using System.Text.Json;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary><c>--input k=v</c> and <c>--inputs-file</c>: text converted to the declared types,
/// files in JSON and YAML, and every mistake reported as invalid input (exit 2).</summary>
public sealed class RunInputTests : IDisposable
{
    /// <summary>Echoes every input as an output, so the JSON shows the value and type each got.</summary>
    private const string Flow = """
        id: typed
        inputs:
          name: { type: string, required: true }
          count: { type: integer, default: 1 }
          ratio: { type: number, default: 0.5 }
          enabled: { type: boolean, default: false }
          tags: { type: array, default: [] }
          options: { type: object, default: {} }
        tasks:
          echo: { action: noop }
        outputs:
          name: "${{ inputs.name }}"
          count: "${{ inputs.count }}"
          ratio: "${{ inputs.ratio }}"
          enabled: "${{ inputs.enabled }}"
          tags: "${{ inputs.tags }}"
          options: "${{ inputs.options }}"
        """;

    private readonly TempDirectory _dir = new();

    public RunInputTests() => _dir.Write("flow.yaml", Flow);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Input_values_are_converted_to_the_declared_types()
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--json",
            "--input", "name=Ada Lovelace", "--input", "count=42", "-i", "ratio=2.5", "--input", "enabled=true",
            "--input", "tags=[\"a\", 2]", "--input", "options={\"deep\": {\"x\": 1}}");

        Assert.True(result.ExitCode == 0, result.ToString());
        var outputs = result.Json().GetProperty("outputs");
        Assert.Equal("Ada Lovelace", outputs.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, outputs.GetProperty("count").ValueKind);
        Assert.Equal(42, outputs.GetProperty("count").GetInt64());
        Assert.Equal(2.5, outputs.GetProperty("ratio").GetDouble());
        Assert.Equal(JsonValueKind.True, outputs.GetProperty("enabled").ValueKind);
        Assert.Equal("a", outputs.GetProperty("tags")[0].GetString());
        Assert.Equal(2, outputs.GetProperty("tags")[1].GetInt64());
        Assert.Equal(1, outputs.GetProperty("options").GetProperty("deep").GetProperty("x").GetInt64());
    }

    [Fact]
    public async Task A_value_that_is_not_of_the_declared_type_is_invalid_input()
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--input", "name=x", "--input", "count=12x", "--input", "enabled=maybe");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error FF1103: the input 'count' must be an integer, but the text '12x' is not [inputs.count]", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint: give a whole number, e.g. `--input count=100`", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("error FF1103: the input 'enabled' must be a boolean", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing ran", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("task.started", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_input_and_an_undeclared_one_are_both_reported()
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--input", "cuont=3");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error FF1101: the required input 'name' (string) is missing", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("error FF1102", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'count'?", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("count", "--input 'count' is not of the form name=value")]
    [InlineData("=5", "--input '=5' has no name before '='")]
    public async Task An_input_argument_without_name_and_value_is_invalid_input(string argument, string message)
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--input", "name=x", "--input", argument, "--json");

        Assert.True(result.ExitCode == 2, result.ToString());
        var diagnostic = Assert.Single(result.Json().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("FF1104", diagnostic.GetProperty("code").GetString());
        Assert.Equal(message, diagnostic.GetProperty("message").GetString());
        Assert.Contains("name=value", diagnostic.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_inputs_file_gives_typed_values_and_the_command_line_overrides_it()
    {
        _dir.Write("inputs.json", """{ "name": "from file", "count": 7, "tags": ["x"], "options": { "k": null } }""");

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--json", "--inputs-file", "inputs.json", "--input", "name=from flag");

        Assert.True(result.ExitCode == 0, result.ToString());
        var outputs = result.Json().GetProperty("outputs");
        Assert.Equal("from flag", outputs.GetProperty("name").GetString());
        Assert.Equal(7, outputs.GetProperty("count").GetInt64());
        Assert.Equal("x", outputs.GetProperty("tags")[0].GetString());
        Assert.Equal(JsonValueKind.Null, outputs.GetProperty("options").GetProperty("k").ValueKind);
    }

    [Fact]
    public async Task A_yaml_inputs_file_types_scalars_as_definitions_do()
    {
        _dir.Write("inputs.yaml", """
            name: "42"          # quoted: text
            count: 0x10
            ratio: 1e3
            enabled: True
            tags: [a, 1, ~]
            options:
              nested: { on: yes }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--json", "--inputs-file", "inputs.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var outputs = result.Json().GetProperty("outputs");
        Assert.Equal("42", outputs.GetProperty("name").GetString());
        Assert.Equal(16, outputs.GetProperty("count").GetInt64());
        Assert.Equal(1000.0, outputs.GetProperty("ratio").GetDouble());
        Assert.Equal(JsonValueKind.True, outputs.GetProperty("enabled").ValueKind);
        Assert.Equal(JsonValueKind.Null, outputs.GetProperty("tags")[2].ValueKind);
        Assert.Equal("yes", outputs.GetProperty("options").GetProperty("nested").GetProperty("on").GetString());
    }

    [Theory]
    [InlineData("inputs.yaml", "name: x\ncount: [1, 2\n", "inputs.yaml:3:")]
    [InlineData("inputs.json", "{ \"name\": \"x\",\n  \"count\": }", "inputs.json:2:")]
    [InlineData("inputs.yaml", "- just\n- a list\n", "inputs.yaml:1:1: error FF1104: an inputs file is a mapping")]
    [InlineData("inputs.yaml", "name: a\nname: b\n", "inputs.yaml:2:1: error FF1104: invalid YAML: Duplicate key")]
    public async Task A_broken_inputs_file_is_reported_at_its_line_and_column(string file, string text, string expected)
    {
        _dir.Write(file, text);

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--inputs-file", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("FF1104", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_inputs_file_is_invalid_input()
    {
        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--inputs-file", "nope.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("nope.yaml: error FF1104: cannot read the inputs file", result.StdErr, StringComparison.Ordinal);
    }
}
