using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Loading;

/// <summary>Loading shortcuts and a compact form of diagnostics for assertions.</summary>
internal static class Loads
{
    public static LoadResult Yaml(string text) => DefinitionLoader.Load(text, DefinitionFormat.Yaml, "test.yaml");

    public static LoadResult Json(string text) => DefinitionLoader.Load(text, DefinitionFormat.Json, "test.json");

    /// <summary><c>FF1003 5:22 tasks.load.timeout_seconds</c>.</summary>
    public static string Where(Diagnostic d) => $"{d.Code} {d.Line}:{d.Column} {d.Path}";

    public static string[] Wheres(LoadResult result) => [.. result.Diagnostics.Select(Where)];

    /// <summary>The one diagnostic of the result, failing with all of them otherwise.</summary>
    public static Diagnostic Single(LoadResult result)
    {
        Assert.True(result.Diagnostics.Count == 1, "expected one diagnostic, got:" + Environment.NewLine + string.Join(Environment.NewLine, result.Diagnostics));
        return result.Diagnostics[0];
    }
}
