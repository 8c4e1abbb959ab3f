using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Output;

/// <summary>What <c>verify</c> prints: one line per damaged record (<c>✗ where (kind): problem</c>),
/// then a count.</summary>
internal static class VerifyText
{
    public static void Write(TextWriter writer, VerifyReport report, DataDirectory data)
    {
        var ansi = new Ansi(Terminal.ColorOnStandardOutput);
        foreach (var corrupt in report.Corrupt)
        {
            writer.WriteLine($"{ansi.Red("✗")} {corrupt.Where} ({corrupt.Kind}): {corrupt.Problem}");
        }

        var checkedText = string.Create(CultureInfo.InvariantCulture,
            $"{report.RecordsChecked} records and {report.HistoryEntriesChecked} history entries checked in {data.Display}");
        writer.WriteLine(report.AllGood
            ? $"{checkedText}: all good"
            : string.Create(CultureInfo.InvariantCulture, $"{checkedText}: {ansi.Red(report.Corrupt.Count == 1 ? "1 damaged" : $"{report.Corrupt.Count} damaged")}"));
    }
}
