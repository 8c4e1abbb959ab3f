using System.Text.Json;
using FastFlow.Validation;

namespace FastFlow.Cli.Output;

/// <summary>The JSON form of diagnostics (docs/cli.md): <c>{ code, severity, message, hint, path,
/// line, column, expression?, expression_column? }</c>.</summary>
internal static class DiagnosticJson
{
    /// <summary>Writes <paramref name="diagnostics"/> as the array property <c>diagnostics</c>.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="diagnostics">What to write.</param>
    /// <param name="withFile">Add each one's <c>file</c>: for lists that mix files (a run's errors).</param>
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<Diagnostic> diagnostics, bool withFile)
    {
        writer.WriteStartArray("diagnostics");
        foreach (var diagnostic in diagnostics)
        {
            Write(writer, diagnostic, withFile);
        }

        writer.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter writer, Diagnostic diagnostic, bool withFile)
    {
        writer.WriteStartObject();
        if (withFile)
        {
            writer.WriteString("file", diagnostic.File);
        }

        writer.WriteString("code", diagnostic.Code);
        writer.WriteString("severity", diagnostic.IsError ? "error" : "warning");
        writer.WriteString("message", diagnostic.Message);
        writer.WriteString("hint", diagnostic.Hint);
        writer.WriteString("path", diagnostic.Path);
        writer.WriteNumber("line", diagnostic.Line);
        writer.WriteNumber("column", diagnostic.Column);
        if (diagnostic.Expression is not null)
        {
            writer.WriteString("expression", diagnostic.Expression);
            writer.WriteNumber("expression_column", diagnostic.ExpressionColumn);
        }

        writer.WriteEndObject();
    }
}
