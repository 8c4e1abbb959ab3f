namespace FastFlow.Cli.Output;

/// <summary>The <c>--json</c> object of <c>graph</c>:
/// <c>{ file, format, valid, errors, warnings, output, graph, diagnostics }</c>.</summary>
internal static class GraphJson
{
    public static void Write(FileReport report, string format, string? output, string graph) =>
        JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("file", report.File);
            writer.WriteString("format", format);
            writer.WriteBoolean("valid", report.Valid);
            writer.WriteNumber("errors", report.Errors);
            writer.WriteNumber("warnings", report.Warnings);
            writer.WriteString("output", output);
            writer.WriteString("graph", graph);
            DiagnosticJson.WriteArray(writer, report.Diagnostics, withFile: false);
            writer.WriteEndObject();
        });
}
