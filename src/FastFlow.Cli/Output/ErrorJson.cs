using FastFlow.Validation;

namespace FastFlow.Cli.Output;

/// <summary>The JSON object of a command that could not do its work:
/// <c>{ error: { message, hint }, diagnostics: [...] }</c>; the exit code says what kind.</summary>
internal static class ErrorJson
{
    public static void Write(string message, string? hint, IReadOnlyList<Diagnostic> diagnostics) =>
        JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("hint", hint);
            writer.WriteEndObject();
            DiagnosticJson.WriteArray(writer, diagnostics, withFile: true);
            writer.WriteEndObject();
        });
}
