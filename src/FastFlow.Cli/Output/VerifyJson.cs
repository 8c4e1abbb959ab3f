using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Output;

/// <summary>The <c>--json</c> object of <c>verify</c>: <c>{ data, records_checked,
/// history_entries_checked, all_good, corrupt: [ { where, kind, problem, sequence } ] }</c>.</summary>
internal static class VerifyJson
{
    public static void Write(VerifyReport report, DataDirectory data) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("data", data.FullPath);
        writer.WriteNumber("records_checked", report.RecordsChecked);
        writer.WriteNumber("history_entries_checked", report.HistoryEntriesChecked);
        writer.WriteBoolean("all_good", report.AllGood);
        writer.WriteStartArray("corrupt");
        foreach (var corrupt in report.Corrupt)
        {
            writer.WriteStartObject();
            writer.WriteString("where", corrupt.Where);
            writer.WriteString("kind", corrupt.Kind);
            writer.WriteString("problem", corrupt.Problem);
            if (corrupt.Sequence is { } sequence)
            {
                writer.WriteNumber("sequence", sequence);
            }
            else
            {
                writer.WriteNull("sequence");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
