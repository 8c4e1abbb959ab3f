using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Loading;

public sealed class LoadFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fastflow-loading-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("flow.json", "{\"name\": \"x\", \"tasks\": {\"t\": {\"action\": \"noop\"}}}")]
    [InlineData("flow.yaml", "name: x\ntasks: { t: { action: noop } }\n")]
    [InlineData("flow.YML", "name: x\ntasks: { t: { action: noop } }\n")]
    [InlineData("flow.def", "  {\"name\": \"x\", \"tasks\": {\"t\": {\"action\": \"noop\"}}}")]
    [InlineData("flow", "name: x\ntasks: { t: { action: noop } }\n")]
    public void File_loads_by_extension_or_content(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);

        var result = DefinitionLoader.LoadFile(path);

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(path, result.Definition!.Source!.File);
    }

    [Fact]
    public void Extension_decides_over_content()
    {
        // Valid YAML, but the .json extension makes it JSON, which it is not.
        var path = Path.Combine(_dir, "flow.json");
        File.WriteAllText(path, "name: x\ntasks: { t: { action: noop } }\n");

        var d = Loads.Single(DefinitionLoader.LoadFile(path));

        Assert.Equal("FF1001 1:2 ", Loads.Where(d));
        Assert.Equal(path, d.File);
    }

    [Fact]
    public void Byte_order_mark_is_skipped_and_columns_start_after_it()
    {
        var path = Path.Combine(_dir, "bom.json");
        File.WriteAllText(path, "\uFEFF{\"name\": 5, \"tasks\": {\"t\": {\"action\": \"noop\"}}}", new System.Text.UTF8Encoding(true));

        Assert.Equal("FF1003 1:10 name", Loads.Where(Loads.Single(DefinitionLoader.LoadFile(path))));
        Assert.Equal("FF1003 1:10 name", Loads.Where(Loads.Single(Loads.Json("\uFEFF{\"name\": 5, \"tasks\": {\"t\": {\"action\": \"noop\"}}}"))));
    }

    [Fact]
    public void Missing_file_is_a_diagnostic_not_an_exception()
    {
        var path = Path.Combine(_dir, "missing.yaml");

        var result = DefinitionLoader.LoadFile(path);

        var d = Loads.Single(result);
        Assert.Equal(DiagnosticCodes.Syntax, d.Code);
        Assert.Equal(path, d.File);
        Assert.Contains("cannot read", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Directory_is_a_diagnostic_not_an_exception()
    {
        var result = DefinitionLoader.LoadFile(_dir);

        Assert.Equal(DiagnosticCodes.Syntax, Loads.Single(result).Code);
        Assert.False(result.Success);
    }

    [Fact]
    public void Empty_file_without_extension_is_reported_as_empty()
    {
        var path = Path.Combine(_dir, "empty");
        File.WriteAllText(path, string.Empty);

        var d = Loads.Single(DefinitionLoader.LoadFile(path));

        Assert.Equal("FF1001 1:1 ", Loads.Where(d));
        Assert.Contains("empty", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.json", "name: x", DefinitionFormat.Json)]
    [InlineData("a.JSON", "", DefinitionFormat.Json)]
    [InlineData("a.yaml", "{}", DefinitionFormat.Yaml)]
    [InlineData("a.yml", "", DefinitionFormat.Yaml)]
    [InlineData("a.txt", "\n  {\"a\": 1}", DefinitionFormat.Json)]
    [InlineData("a", "[1]", DefinitionFormat.Json)]
    [InlineData("a", "\uFEFF{}", DefinitionFormat.Json)]
    [InlineData("a", "# comment\nname: x", DefinitionFormat.Yaml)]
    [InlineData("a.txt", "name: x", DefinitionFormat.Yaml)]
    [InlineData("a", " \n ", null)]
    [InlineData("a", "", null)]
    public void Format_is_detected_by_extension_then_content(string path, string text, DefinitionFormat? expected)
    {
        Assert.Equal(expected, DefinitionLoader.DetectFormat(path, text));
    }
}
