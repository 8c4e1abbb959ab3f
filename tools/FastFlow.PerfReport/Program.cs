using System.Globalization;
using System.Text;
using FastFlow.PerfReport;
using FastFlow.PerfReport.Machine;
using FastFlow.PerfReport.Results;
using FastFlow.PerfReport.Writers;

// Turns a BenchmarkDotNet results folder into perf-reports/<date>-<machine>.md, .json and
// -shapes.svg. tools/run-benchmarks.sh all runs it after the suites; see docs/benchmarks-report.md.
const string Usage = "usage: FastFlow.PerfReport --results DIR --machine FILE --out DIR [--date yyyy-MM-dd]";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (args.Length % 2 != 0 || !options.TryGetValue("--results", out var resultsDirectory) || !options.TryGetValue("--machine", out var machineFile)
    || !options.TryGetValue("--out", out var outDirectory) || options.Keys.Any(k => k is not ("--results" or "--machine" or "--out" or "--date")))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var date = options.TryGetValue("--date", out var given) ? given : DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var results = Directory.Exists(resultsDirectory) ? BdnResultReader.ReadDirectory(resultsDirectory) : [];
if (results.Count == 0)
{
    Console.Error.WriteLine($"perf report: no BenchmarkDotNet JSON report in {resultsDirectory} (run the suites with --exporters json)");
    return 1;
}

var report = new BenchmarkReport(
    date,
    MachineInfo.Parse(File.ReadAllText(machineFile)),
    BaselineRatios.Compute(results, BenchmarkCatalog.ForFastFlowBenchmarks()),
    ShapeFigures.From(results));

Directory.CreateDirectory(outDirectory);
var markdown = Path.Combine(outDirectory, report.BaseName + ".md");
using (var writer = new StreamWriter(markdown, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" })
{
    MarkdownReport.Write(writer, report);
}

var json = Path.Combine(outDirectory, report.BaseName + ".json");
using (var stream = File.Create(json))
{
    JsonSummary.Write(stream, report);
}

var chart = Path.Combine(outDirectory, report.ChartFileName);
using (var stream = File.Create(chart))
{
    ShapeChart.Write(stream, report);
}

Console.WriteLine($"wrote {markdown}");
Console.WriteLine($"wrote {json}");
Console.WriteLine($"wrote {chart}");
return 0;
