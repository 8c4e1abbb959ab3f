using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

/// <summary>Migrates a definition's text to the current schema (2.0.0), as <c>fastflow migrate</c>
/// does. Schemas 1.0, 1.1 and 1.2 are subsets of 2.0 (1.1 added execution modes, 1.2 conditions,
/// 2.0 checkpoints and retries), so a migration rewrites the <c>version</c> value and nothing else:
/// comments, order, quoting and layout stay as the author wrote them.</summary>
/// <example>
/// <code>
/// var migration = DefinitionMigrator.Migrate(File.ReadAllText(path), DefinitionFormat.Yaml, path);
/// if (migration.Success &amp;&amp; migration.Changed) File.WriteAllText(path, migration.Text);
/// </code>
/// </example>
public static class DefinitionMigrator
{
    private const string VersionField = "version";
    private const string MigratedVersion = "\"" + WorkflowDefinition.CurrentSchemaVersion + "\"";

    /// <summary>Loads <paramref name="text"/> and, when it is a loadable 1.x definition, returns it
    /// with <c>version: "2.0.0"</c>. <paramref name="file"/> names the source in diagnostics.</summary>
    public static DefinitionMigration Migrate(string text, DefinitionFormat format, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var loaded = DefinitionLoader.Load(text, format, file);
        var position = loaded.Definition?.Source?.TryGet(VersionField, out var at) == true ? at : SourcePosition.Unknown;
        var token = position.IsKnown ? FindToken(text, position) : null;
        var fromVersion = token is { } found ? Unquote(text.Substring(found.Start, found.Length)) : null;
        if (!loaded.Success || token is null || !WasMigratedOnLoad(loaded))
        {
            return new DefinitionMigration(fromVersion, text, changed: false, loaded.Diagnostics);
        }

        var (start, length) = token.Value;
        var migrated = string.Concat(text.AsSpan(0, start), MigratedVersion, text.AsSpan(start + length));
        return new DefinitionMigration(fromVersion, migrated, changed: true, loaded.Diagnostics);
    }

    /// <summary>The loader reads 1.x as 2.0.0 and says so with a warning on the version.</summary>
    private static bool WasMigratedOnLoad(LoadResult loaded) =>
        loaded.Diagnostics.Any(static d => d.Code == DiagnosticCodes.UnsupportedVersion && !d.IsError);

    /// <summary>The scalar that starts at <paramref name="position"/> (1-based line and column):
    /// quoted up to its closing quote, or plain up to a space, comma, bracket or comment.</summary>
    private static (int Start, int Length)? FindToken(string text, SourcePosition position)
    {
        var start = OffsetOf(text, position);
        if (start < 0 || start >= text.Length)
        {
            return null;
        }

        var first = text[start];
        var end = start + 1;
        if (first is '"' or '\'')
        {
            while (end < text.Length && text[end] != first && text[end] != '\n')
            {
                end += text[end] == '\\' && first == '"' ? 2 : 1;
            }

            return end < text.Length && text[end] == first ? (start, end + 1 - start) : null;
        }

        while (end < text.Length && text[end] is not (' ' or '\t' or '\r' or '\n' or ',' or '}' or ']' or '#'))
        {
            end++;
        }

        return (start, end - start);
    }

    private static int OffsetOf(string text, SourcePosition position)
    {
        var offset = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var line = 1; line < position.Line; line++)
        {
            offset = text.IndexOf('\n', offset);
            if (offset < 0)
            {
                return -1;
            }

            offset++;
        }

        return offset + position.Column - 1;
    }

    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] is '"' or '\'' && token[^1] == token[0] ? token[1..^1] : token;
}
