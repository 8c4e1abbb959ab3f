using System.Text.Json;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary><c>fastflow migrate</c> on real files: shows the migrated text, writes it with
/// --write, leaves current and invalid files alone.</summary>
public sealed class MigrateTests : IDisposable
{
    private const string Old = "# nightly export\nid: nightly\nversion: 1.1   # written in 2024\ntasks:\n  extract: { action: noop }\n  load: { action: noop, dependencies: [extract], execution_mode: sequential }\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Without_write_the_migrated_text_is_printed_and_the_file_is_untouched()
    {
        var path = _dir.Write("old.yaml", Old);

        var result = await Tool.RunAsync(_dir.Path, "migrate", "old.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Old.Replace("version: 1.1", "version: \"2.0.0\"", StringComparison.Ordinal), result.StdOut);
        Assert.Contains("old.yaml: version 1.1 migrates to 2.0.0; nothing else changes (--write saves it)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(Old, File.ReadAllText(path));
    }

    [Fact]
    public async Task With_write_the_file_is_migrated_in_place_and_then_is_current()
    {
        var path = _dir.Write("old.yaml", Old);

        var first = await Tool.RunAsync(_dir.Path, "migrate", "old.yaml", "--write");
        var second = await Tool.RunAsync(_dir.Path, "migrate", "old.yaml", "--write");
        var validate = await Tool.RunAsync(_dir.Path, "validate", "old.yaml");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Empty(first.StdOut);
        Assert.Contains("migrated version 1.1 to 2.0.0 and written", first.StdErr, StringComparison.Ordinal);
        Assert.Equal(Old.Replace("version: 1.1", "version: \"2.0.0\"", StringComparison.Ordinal), File.ReadAllText(path));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("already schema 2.0.0, nothing to migrate", second.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("FF1008", validate.StdOut + validate.StdErr, StringComparison.Ordinal);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Json_output_describes_the_migration()
    {
        _dir.Write("old.json", "{ \"id\": \"j\", \"version\": \"1.0.0\", \"tasks\": { \"a\": { \"action\": \"noop\" } } }\n");

        var result = await Tool.RunAsync(_dir.Path, "migrate", "old.json", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal("old.json", root.GetProperty("file").GetString());
        Assert.Equal("1.0.0", root.GetProperty("from_version").GetString());
        Assert.Equal("2.0.0", root.GetProperty("to_version").GetString());
        Assert.True(root.GetProperty("changed").GetBoolean());
        Assert.False(root.GetProperty("written").GetBoolean());
        Assert.Equal("{ \"id\": \"j\", \"version\": \"2.0.0\", \"tasks\": { \"a\": { \"action\": \"noop\" } } }\n", root.GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_invalid_file_exits_2_with_its_problems_and_is_not_written()
    {
        const string text = "id: x\nversion: 1.2\ntasks:\n  a: { action: noop, retyr: 2 }\n";
        var path = _dir.Write("bad.yaml", text);

        var result = await Tool.RunAsync(_dir.Path, "migrate", "bad.yaml", "--write");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("bad.yaml:4:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("unknown field 'retyr'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml is not a valid definition, so it is not migrated", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var result = await Tool.RunAsync(_dir.Path, "migrate", "nowhere.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cannot read nowhere.yaml", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }
}
