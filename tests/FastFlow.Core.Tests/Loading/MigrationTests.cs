using CsCheck;
using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Loading;

/// <summary>Definitions of schema 1.0, 1.1 and 1.2 migrate to 2.0.0 by their version alone; the
/// rest of the text is kept byte for byte.</summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData("version: 1.0\n", "version: \"2.0.0\"\n", "1.0")]
    [InlineData("version: 1.1.3   # still old\n", "version: \"2.0.0\"   # still old\n", "1.1.3")]
    [InlineData("version: \"1.2\"\n", "version: \"2.0.0\"\n", "1.2")]
    [InlineData("version: '1.0.0'\n", "version: \"2.0.0\"\n", "1.0.0")]
    [InlineData("version: 1\n", "version: \"2.0.0\"\n", "1")]
    public void A_yaml_1x_version_becomes_2_0_0_and_nothing_else_changes(string versionLine, string expectedLine, string from)
    {
        const string before = "# nightly\nid: nightly\n";
        const string after = "tasks:\n  a: { action: noop }   # keep me\n  b:\n    action: noop\n    dependencies: [a]\n";

        var migration = DefinitionMigrator.Migrate(before + versionLine + after, DefinitionFormat.Yaml, "flow.yaml");

        Assert.True(migration.Success);
        Assert.True(migration.Changed);
        Assert.Equal(from, migration.FromVersion);
        Assert.Equal("2.0.0", migration.ToVersion);
        Assert.Equal(before + expectedLine + after, migration.Text);
    }

    [Theory]
    [InlineData("\"1.2.0\"", "1.2.0")]
    [InlineData("1.1", "1.1")]
    public void A_json_1x_version_becomes_2_0_0_and_nothing_else_changes(string written, string from)
    {
        var text = "{\n  // a comment\n  \"id\": \"j\", \"version\": " + written + ",\n  \"tasks\": { \"a\": { \"action\": \"noop\" } }\n}\n";

        var migration = DefinitionMigrator.Migrate(text, DefinitionFormat.Json);

        Assert.True(migration.Changed);
        Assert.Equal(from, migration.FromVersion);
        Assert.Equal(text.Replace(written, "\"2.0.0\"", StringComparison.Ordinal), migration.Text);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_kept()
    {
        var text = "\uFEFFid: w\r\nversion: 1.2\r\ntasks:\r\n  a: { action: noop }\r\n";

        var migration = DefinitionMigrator.Migrate(text, DefinitionFormat.Yaml);

        Assert.Equal("\uFEFFid: w\r\nversion: \"2.0.0\"\r\ntasks:\r\n  a: { action: noop }\r\n", migration.Text);
    }

    [Theory]
    [InlineData("id: x\nversion: 2.0.0\ntasks:\n  a: { action: noop }\n", "2.0.0")]
    [InlineData("id: x\nversion: \"2.1\"\ntasks:\n  a: { action: noop }\n", "2.1")]
    [InlineData("id: x\ntasks:\n  a: { action: noop }\n", null)]
    public void A_current_definition_is_left_as_it_is(string text, string? from)
    {
        var migration = DefinitionMigrator.Migrate(text, DefinitionFormat.Yaml);

        Assert.True(migration.Success);
        Assert.False(migration.Changed);
        Assert.Equal(from, migration.FromVersion);
        Assert.Same(text, migration.Text);
    }

    [Theory]
    [InlineData("id: x\nversion: 3.0\ntasks:\n  a: { action: noop }\n", DiagnosticCodes.UnsupportedVersion)]
    [InlineData("id: x\nversion: 1.1\ntasks:\n  a: { action: noop, retyr: 3 }\n", DiagnosticCodes.UnknownField)]
    [InlineData("id: x\nversion: 1.0\ntasks: [\n", DiagnosticCodes.Syntax)]
    public void An_invalid_definition_is_not_migrated(string text, string code)
    {
        var migration = DefinitionMigrator.Migrate(text, DefinitionFormat.Yaml, "flow.yaml");

        Assert.False(migration.Success);
        Assert.False(migration.Changed);
        Assert.Same(text, migration.Text);
        Assert.Contains(migration.Diagnostics, d => d.Code == code && d.IsError);
    }

    [Fact]
    public void A_migrated_definition_loads_as_the_same_definition_without_the_migration_warning()
    {
        var versions = Gen.Int[0, 2].SelectMany(minor => Gen.Int[0, 12].Select(patch => (minor, patch)));
        var quotes = Gen.OneOf("", "\"", "'");
        var formats = Gen.OneOf(DefinitionFormat.Yaml, DefinitionFormat.Json);
        Gen.Select(versions, quotes, formats, Gen.Bool).Sample((version, quote, format, withPatch) =>
        {
            var number = withPatch ? $"1.{version.minor}.{version.patch}" : $"1.{version.minor}";
            // JSON has no single quotes, and 1.2.3 unquoted is no JSON number.
            var written = format == DefinitionFormat.Yaml ? quote + number + quote
                : quote.Length == 0 && !withPatch ? number : $"\"{number}\"";
            var text = format == DefinitionFormat.Yaml
                ? $"id: p\nversion: {written}\ntasks:\n  a: {{ action: noop, retry_count: 2 }}\n  b: {{ action: noop, dependencies: [a], execution_mode: parallel }}\n"
                : $"{{ \"id\": \"p\", \"version\": {written}, \"tasks\": {{ \"a\": {{ \"action\": \"noop\", \"retry_count\": 2 }}, \"b\": {{ \"action\": \"noop\", \"dependencies\": [\"a\"], \"execution_mode\": \"parallel\" }} }} }}";

            var original = DefinitionLoader.Load(text, format);
            var migration = DefinitionMigrator.Migrate(text, format);
            var migrated = DefinitionLoader.Load(migration.Text, format);

            Assert.True(migration.Changed);
            Assert.Equal(number, migration.FromVersion);
            Assert.DoesNotContain(migrated.Diagnostics, static d => d.Code == DiagnosticCodes.UnsupportedVersion);
            Assert.Contains(original.Diagnostics, static d => d.Code == DiagnosticCodes.UnsupportedVersion);
            Assert.Equal(ModelDump.Of(original.Definition!), ModelDump.Of(migrated.Definition!));
        });
    }
}
