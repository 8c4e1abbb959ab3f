namespace FastFlow.Cli.Output;

/// <summary>The human report of <c>validate</c>: each file's diagnostics, then a summary line.</summary>
internal static class ValidationText
{
    public static void Write(IEnumerable<FileReport> reports)
    {
        var printer = DiagnosticPrinter.ForStandardOutput();
        var ansi = printer.Ansi;
        foreach (var report in reports)
        {
            foreach (var diagnostic in report.Diagnostics)
            {
                printer.Write(diagnostic);
            }

            var counts = report.Counts();
            var verdict = report.Valid ? ansi.Green("valid") : ansi.Red("invalid");
            printer.Writer.WriteLine($"{ansi.Bold(report.File)}: {verdict}{(counts.Length > 0 ? " (" + counts + ")" : string.Empty)}");
        }
    }
}
