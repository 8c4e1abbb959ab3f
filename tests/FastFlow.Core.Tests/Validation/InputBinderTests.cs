using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class InputBinderTests
{
    private static WorkflowDefinition Declaring(params InputDeclaration[] inputs)
    {
        var flow = new WorkflowBuilder("w");
        foreach (var input in inputs)
        {
            flow.Input(input);
        }

        flow.Task("a");
        return flow.Build();
    }

    private static readonly WorkflowDefinition s_pipeline = Declaring(
        new InputDeclaration { Name = "source", Type = InputType.String, Required = true },
        new InputDeclaration { Name = "batch_size", Type = InputType.Integer, Default = 100L, HasDefault = true },
        new InputDeclaration { Name = "ratio", Type = InputType.Number },
        new InputDeclaration { Name = "dry_run", Type = InputType.Boolean },
        new InputDeclaration { Name = "filter", Type = InputType.Object },
        new InputDeclaration { Name = "tags", Type = InputType.Array },
        new InputDeclaration { Name = "anything" });

    [Fact]
    public void Defaults_fill_what_is_not_given()
    {
        var result = InputBinder.Bind(s_pipeline, new Dictionary<string, object?> { ["source"] = "db" }, coerceStrings: false);

        Assert.True(result.IsValid);
        Assert.Equal("db", result.Inputs["source"]);
        Assert.Equal(100L, result.Inputs["batch_size"]);
        Assert.False(result.Inputs.ContainsKey("ratio"));
    }

    [Fact]
    public void A_missing_required_input_is_FF1101_with_the_cli_form()
    {
        var result = InputBinder.Bind(s_pipeline, new Dictionary<string, object?>(), coerceStrings: true);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.MissingInput, d.Code);
        Assert.Equal("inputs.source", d.Path);
        Assert.Equal("the required input 'source' (string) is missing", d.Message);
        Assert.Contains("--input source=value", d.Hint, StringComparison.Ordinal);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void An_undeclared_input_is_FF1102_with_the_closest_name()
    {
        var result = InputBinder.Bind(s_pipeline, new Dictionary<string, object?> { ["source"] = "db", ["batch_sise"] = 5L, ["zzz"] = 1L }, coerceStrings: false);

        Assert.Equal(2, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.UnknownInput, d.Code));
        Assert.Equal("inputs.batch_sise", result.Diagnostics[0].Path);
        Assert.Equal("did you mean 'batch_size'?", result.Diagnostics[0].Hint);
        Assert.Contains("declares no input 'zzz'", result.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("declared inputs: source, batch_size", result.Diagnostics[1].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_that_declares_no_inputs_accepts_any()
    {
        var result = InputBinder.Bind(Declaring(), new Dictionary<string, object?> { ["x"] = "1" }, coerceStrings: true);

        Assert.True(result.IsValid);
        Assert.Equal("1", result.Inputs["x"]);
    }

    [Fact]
    public void Strings_from_the_command_line_convert_to_the_declared_types()
    {
        var given = new Dictionary<string, object?>
        {
            ["source"] = "42",
            ["batch_size"] = "42",
            ["ratio"] = "1.5",
            ["dry_run"] = "true",
            ["filter"] = "{\"region\": \"eu\", \"min\": 3}",
            ["tags"] = "[\"a\", 2]",
            ["anything"] = "7",
        };

        var result = InputBinder.Bind(s_pipeline, given, coerceStrings: true);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal("42", result.Inputs["source"]);
        Assert.Equal(42L, result.Inputs["batch_size"]);
        Assert.Equal(1.5, result.Inputs["ratio"]);
        Assert.Equal(true, result.Inputs["dry_run"]);
        var filter = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.Inputs["filter"]);
        Assert.Equal("eu", filter["region"]);
        Assert.Equal(3L, filter["min"]);
        Assert.Equal(new List<object?> { "a", 2L }, result.Inputs["tags"]);
        Assert.Equal("7", result.Inputs["anything"]);
    }

    [Theory]
    [InlineData("batch_size", "12x", "an integer", "the text '12x'")]
    [InlineData("batch_size", "1.5", "an integer", "the text '1.5'")]
    [InlineData("ratio", "fast", "a number", "the text 'fast'")]
    [InlineData("dry_run", "yes", "a boolean", "the text 'yes'")]
    [InlineData("filter", "[1]", "an object", "the text '[1]'")]
    [InlineData("tags", "{not json", "an array", "the text '{not json'")]
    public void A_string_that_does_not_convert_is_FF1103_naming_input_type_and_value(string name, string value, string expected, string shown)
    {
        var result = InputBinder.Bind(s_pipeline, new Dictionary<string, object?> { ["source"] = "db", [name] = value }, coerceStrings: true);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.InputType, d.Code);
        Assert.Equal($"inputs.{name}", d.Path);
        Assert.Equal($"the input '{name}' must be {expected}, but {shown} is not", d.Message);
        Assert.Contains($"--input", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_values_are_checked_without_conversion_from_text()
    {
        var given = new Dictionary<string, object?> { ["source"] = 5L, ["batch_size"] = "42", ["ratio"] = 2, ["dry_run"] = true };

        var result = InputBinder.Bind(s_pipeline, given, coerceStrings: false);

        Assert.Equal(["inputs.source", "inputs.batch_size"], result.Diagnostics.Select(d => d.Path));
        Assert.Contains("5 (a number)", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(2L, result.Inputs["ratio"]);
    }

    [Fact]
    public void Whole_numbers_of_any_type_become_long()
    {
        var given = new Dictionary<string, object?> { ["source"] = "s", ["batch_size"] = 7.0, ["ratio"] = 2.5f };

        var result = InputBinder.Bind(s_pipeline, given, coerceStrings: false);

        Assert.True(result.IsValid);
        Assert.Equal(7L, result.Inputs["batch_size"]);
        Assert.Equal(2.5, result.Inputs["ratio"]);
    }
}
