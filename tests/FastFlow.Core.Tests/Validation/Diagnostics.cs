using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

internal static class Diagnostics
{
    /// <summary>The one diagnostic with <paramref name="code"/>; fails when there are none or several.</summary>
    public static Diagnostic Single(ValidationResult result, string code)
    {
        var matching = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"Expected one {code}, got {matching.Count}:\n{Describe(result)}");
        return matching[0];
    }

    public static string[] Codes(ValidationResult result) => [.. result.Diagnostics.Select(d => d.Code)];

    public static string Describe(ValidationResult result) => string.Join("\n", result.Diagnostics.Select(d => d.ToString()));
}
