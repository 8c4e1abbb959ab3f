using System.Security;
using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

/// <summary>Loads workflow definitions from JSON or YAML into a <see cref="WorkflowDefinition"/>,
/// reporting every problem of the document's shape at once with its line, column and path.
/// Loading never throws for bad input: unreadable files, syntax errors and shape errors all
/// become diagnostics. Semantic checks (cycles, unknown dependencies, expressions) belong to
/// validation, which runs on the loaded model.</summary>
/// <example>
/// <code>
/// var result = DefinitionLoader.LoadFile("examples/data-pipeline.yaml");
/// foreach (var diagnostic in result.Diagnostics) Console.Error.WriteLine(diagnostic);
/// if (result.Success) Run(result.Definition!);
/// </code>
/// </example>
public static class DefinitionLoader
{
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>Loads a file; the format comes from the extension (<c>.json</c>, <c>.yaml</c>,
    /// <c>.yml</c>), else from the content. A file that cannot be read gives an FF1001 diagnostic.</summary>
    public static LoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException or ArgumentException)
        {
            return Unusable(path, $"cannot read the file: {e.Message}", "check the path and the file's permissions");
        }

        // Only an empty file has no detectable format; either reader reports it as empty.
        return Load(text, DetectFormat(path, text) ?? DefinitionFormat.Yaml, path);
    }

    /// <summary>Loads a definition from text. <paramref name="file"/> names the source in diagnostics.</summary>
    public static LoadResult Load(string text, DefinitionFormat format, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (format is not (DefinitionFormat.Json or DefinitionFormat.Yaml))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown definition format.");
        }

        // Columns count from the first character of content, not from an encoding mark.
        if (text.Length > 0 && text[0] == ByteOrderMark)
        {
            text = text[1..];
        }

        var session = new LoadSession(file, format);
        if (string.IsNullOrWhiteSpace(text))
        {
            session.Error(DiagnosticCodes.Syntax, string.Empty, new SourcePosition(1, 1),
                "the document is empty", "a definition is a mapping with at least `tasks`");
            return new LoadResult(null, session.SortedDiagnostics());
        }

        var root = format == DefinitionFormat.Json
            ? JsonDocumentReader.Read(text, session)
            : YamlDocumentReader.Read(text, session);
        var definition = root is null ? null : new DefinitionMapper(session).Map(root);
        if (definition is not null)
        {
            // A durable engine stores the text a run was started from, so recovery can load it again.
            definition.Origin = new DefinitionOrigin(text, format, file);
        }

        return new LoadResult(definition, session.SortedDiagnostics());
    }

    /// <summary>The format of a file: by extension (<c>.json</c>; <c>.yaml</c> or <c>.yml</c>),
    /// else JSON when the content starts with <c>{</c> or <c>[</c> and YAML otherwise; null when
    /// the extension says nothing and there is no content to look at.</summary>
    public static DefinitionFormat? DetectFormat(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var extension = Path.GetExtension(path);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return DefinitionFormat.Json;
        }

        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return DefinitionFormat.Yaml;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == ByteOrderMark)
            {
                continue;
            }

            // JSON is also YAML, but the JSON reader reports JSON mistakes more precisely.
            return c is '{' or '[' ? DefinitionFormat.Json : DefinitionFormat.Yaml;
        }

        return null;
    }

    private static LoadResult Unusable(string file, string message, string hint) =>
        new(null,
        [
            new Diagnostic
            {
                Code = DiagnosticCodes.Syntax,
                Message = message,
                Hint = hint,
                File = file,
            },
        ]);
}
