using System.Text;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Loading;

/// <summary>FF1001: documents that are not JSON or YAML, reported at the exact place.</summary>
public sealed class SyntaxDiagnosticTests
{
    [Fact]
    public void Json_syntax_error_is_reported_at_its_line_and_column()
    {
        var result = Loads.Json("{\n  \"name\": x,\n  \"tasks\": {}\n}");

        var d = Loads.Single(result);
        Assert.Equal("FF1001 2:11 ", Loads.Where(d));
        Assert.Equal("test.json", d.File);
        Assert.DoesNotContain("LineNumber", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
        Assert.False(result.Success);
    }

    [Fact]
    public void Json_columns_count_characters_not_utf8_bytes()
    {
        // "é" is two bytes in UTF-8 but one column.
        var result = Loads.Json("{\"name\": \"é\", \"x\": ?}");

        Assert.Equal("FF1001 1:20 ", Loads.Where(Loads.Single(result)));
    }

    [Fact]
    public void Json_columns_stay_exact_for_many_places_on_one_line_after_wide_characters()
    {
        // é and € are 2 and 3 UTF-8 bytes, the emoji 4 bytes and 2 UTF-16 characters.
        var result = Loads.Json("{\"name\": \"Xé€😀\", \"tasks\": {\"t\": {\"action\": \"noop\", \"priority\": \"x\", \"timeout_seconds\": \"y\"}}}");

        Assert.Equal(["FF1009 1:65 tasks.t.priority", "FF1003 1:89 tasks.t.timeout_seconds"], Loads.Wheres(result));
    }

    [Fact]
    public void Json_escaped_lone_surrogate_is_a_syntax_error_at_the_string()
    {
        var result = Loads.Json("{\"name\": \"\\ud800\"}");

        Assert.Equal("FF1001 1:10 ", Loads.Where(Loads.Single(result)));
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Json_second_top_level_value_is_a_syntax_error()
    {
        var result = Loads.Json("{\"name\": \"a\", \"tasks\": {}}\n{}");

        Assert.Equal("FF1001 2:1 ", Loads.Where(Loads.Single(result)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    [InlineData("\uFEFF")]
    public void Empty_document_is_reported_in_both_formats(string text)
    {
        Assert.Equal("FF1001 1:1 ", Loads.Where(Loads.Single(Loads.Json(text))));
        Assert.Equal("FF1001 1:1 ", Loads.Where(Loads.Single(Loads.Yaml(text))));
    }

    [Fact]
    public void Yaml_comments_only_is_an_empty_document()
    {
        var d = Loads.Single(Loads.Yaml("# nothing here\n"));

        Assert.Equal("FF1001 1:1 ", Loads.Where(d));
        Assert.Contains("empty", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_error_is_reported_at_its_line_and_column()
    {
        var result = Loads.Yaml("name: a\ntasks:\n  x: b: c\n");

        var d = Loads.Single(result);
        Assert.Equal("FF1001 3:7 ", Loads.Where(d));
        Assert.DoesNotContain("(Line:", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Yaml_unclosed_flow_sequence_is_reported_where_the_parser_stops()
    {
        var result = Loads.Yaml("name: a\ntasks: [1, 2\n");

        Assert.Equal("FF1001 3:1 ", Loads.Where(Loads.Single(result)));
    }

    [Fact]
    public void Yaml_input_on_which_the_yaml_scanner_fails_without_a_yaml_exception_is_a_syntax_error()
    {
        // YamlDotNet 18.1 throws InvalidOperationException on this; the loader must not.
        var result = Loads.Yaml("name: x\nb: [no   c: [d]\ne: f\n");

        var d = Loads.Single(result);
        Assert.Equal("FF1001 2:15 ", Loads.Where(d));
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Yaml_alias_without_anchor_is_a_syntax_error_at_the_alias()
    {
        var result = Loads.Yaml("name: a\ndescription: *nope\ntasks: {}\n");

        var d = Loads.Single(result);
        Assert.Equal("FF1001 2:14 ", Loads.Where(d));
        Assert.Contains("*nope", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Yaml_second_document_is_reported_and_the_first_still_loads()
    {
        var result = Loads.Yaml("---\nname: a\ntasks: { t: { action: noop } }\n---\nname: b\n");

        Assert.Equal("FF1001 4:1 ", Loads.Where(Loads.Single(result)));
        Assert.Equal("a", result.Definition!.Name);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_in_both_formats()
    {
        var depth = 300;
        var json = "{\"name\": \"a\", \"parameters\": " + new string('[', depth) + new string(']', depth) + "}";
        var yaml = "name: a\nparameters: " + new string('[', depth) + new string(']', depth) + "\n";

        Assert.Equal(DiagnosticCodes.Syntax, Loads.Single(Loads.Json(json)).Code);
        var d = Loads.Single(Loads.Yaml(yaml));
        Assert.Equal(DiagnosticCodes.Syntax, d.Code);
        Assert.Contains("nesting", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_alias_bomb_is_refused_instead_of_expanded()
    {
        // Ten levels of ten aliases: 10^10 nodes if expanded.
        var text = new StringBuilder("name: bomb\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 10; i++)
        {
            text.Append($"l{i}: &l{i} [").AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", 10)).Append("]\n");
        }

        var result = Loads.Yaml(text.ToString());

        var d = Loads.Single(result);
        Assert.Equal(DiagnosticCodes.Syntax, d.Code);
        Assert.Contains("aliases", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_has_no_definition()
    {
        var json = Loads.Json("[1, 2]");
        var yaml = Loads.Yaml("just text\n");

        Assert.Equal("FF1003 1:1 ", Loads.Where(Loads.Single(json)));
        Assert.Equal("FF1003 1:1 ", Loads.Where(Loads.Single(yaml)));
        Assert.Null(json.Definition);
        Assert.Null(yaml.Definition);
    }
}
