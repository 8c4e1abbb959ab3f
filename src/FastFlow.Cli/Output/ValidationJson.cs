namespace FastFlow.Cli.Output;

/// <summary>The <c>--json</c> object of <c>validate</c>:
/// <c>{ files: [ { file, valid, errors, warnings, diagnostics: [...] } ] }</c>.</summary>
internal static class ValidationJson
{
    public static void Write(IEnumerable<FileReport> reports) =>
        JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("files");
            foreach (var report in reports)
            {
                writer.WriteStartObject();
                writer.WriteString("file", report.File);
                writer.WriteBoolean("valid", report.Valid);
                writer.WriteNumber("errors", report.Errors);
                writer.WriteNumber("warnings", report.Warnings);
                DiagnosticJson.WriteArray(writer, report.Diagnostics, withFile: false);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}
