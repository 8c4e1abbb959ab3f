using System.Text.Json;

namespace FastFlow.PerfReport.Results;

/// <summary>Reads the JSON reports BenchmarkDotNet writes with <c>--exporters json</c>
/// (<c>*-report-full-compressed.json</c>, or the indented <c>*-report-full.json</c> and
/// <c>*-report-brief.json</c>): the fields Type, Method, Parameters, Statistics.Mean and .Median
/// (ns per operation) and Memory.BytesAllocatedPerOperation of each benchmark.</summary>
internal static class BdnResultReader
{
    /// <summary>The endings of the report files read, the most complete first: when a suite was
    /// exported more than once, the first file found for it wins.</summary>
    private static readonly string[] s_reportEndings = ["-report-full-compressed.json", "-report-full.json", "-report-brief.json"];

    /// <summary>Every benchmark of every JSON report in a BenchmarkDotNet results folder, each
    /// case once: the reports of one kind after another, each kind's files in name order, each
    /// file's cases in its order.</summary>
    public static IReadOnlyList<BenchmarkResult> ReadDirectory(string resultsDirectory)
    {
        var results = new List<BenchmarkResult>();
        var seen = new HashSet<(string, string, string, string, string)>();
        foreach (var ending in s_reportEndings)
        {
            foreach (var file in Directory.GetFiles(resultsDirectory, "*" + ending).Order(StringComparer.Ordinal))
            {
                foreach (var result in Read(File.ReadAllText(file)))
                {
                    if (seen.Add((result.Namespace, result.Suite, result.Method, result.Parameters, result.Job)))
                    {
                        results.Add(result);
                    }
                }
            }
        }

        return results;
    }

    /// <summary>The benchmarks of one JSON report.</summary>
    /// <exception cref="JsonException">The text is not a BenchmarkDotNet report.</exception>
    public static IReadOnlyList<BenchmarkResult> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("not a BenchmarkDotNet JSON report: it has no Benchmarks array");
        }

        var results = new List<BenchmarkResult>(benchmarks.GetArrayLength());
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            var statistics = benchmark.TryGetProperty("Statistics", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
            var memory = benchmark.TryGetProperty("Memory", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            results.Add(new BenchmarkResult(
                String(benchmark, "Namespace"),
                String(benchmark, "Type"),
                String(benchmark, "Method"),
                String(benchmark, "Parameters"),
                JobOf(String(benchmark, "DisplayInfo")),
                Number(statistics, "Mean"),
                Number(statistics, "Median"),
                Number(memory, "BytesAllocatedPerOperation") is { } bytes ? (long)bytes : null));
        }

        return results;
    }

    /// <summary>The job's id in a DisplayInfo such as
    /// <c>ChainBenchmarks.FastFlowExecute: Dry(IterationCount=1, ...) [Tasks=5]</c>.</summary>
    internal static string JobOf(string displayInfo)
    {
        var start = displayInfo.IndexOf(": ", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var job = displayInfo.AsSpan(start + 2);
        var end = job.IndexOfAny('(', ' ');
        return (end < 0 ? job : job[..end]).ToString();
    }

    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    // BenchmarkDotNet writes NaN as an empty string, and a failed case has no statistics at all.
    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
