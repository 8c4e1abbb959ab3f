using FastFlow.Validation;

namespace FastFlow.Cli.Output;

/// <summary>What checking one file found, as <c>validate</c> reports it.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Valid">True when it can be used (warnings allowed).</param>
/// <param name="Diagnostics">Every problem, in file order.</param>
internal sealed record FileReport(string File, bool Valid, IReadOnlyList<Diagnostic> Diagnostics)
{
    public int Errors => Diagnostics.Count(static d => d.IsError);

    public int Warnings => Diagnostics.Count(static d => !d.IsError);

    /// <summary><c>3 errors, 1 warning</c>; empty when there is nothing.</summary>
    public string Counts()
    {
        var parts = new List<string>(2);
        if (Errors > 0)
        {
            parts.Add(Plural(Errors, "error"));
        }

        if (Warnings > 0)
        {
            parts.Add(Plural(Warnings, "warning"));
        }

        return string.Join(", ", parts);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
