namespace FastFlow.PerfReport.Results;

/// <summary>Places each result beside its baseline: the baseline method of the same suite and
/// category, measured with the same parameters and job (how BenchmarkDotNet groups a suite).</summary>
internal static class BaselineRatios
{
    /// <summary>One row per result, in the same order. The ratio is the mean over the baseline's
    /// mean; BenchmarkDotNet's own Ratio column is the mean of per-iteration ratios, so the two
    /// may differ in the second decimal.</summary>
    public static IReadOnlyList<ReportRow> Compute(IReadOnlyList<BenchmarkResult> results, BenchmarkCatalog catalog)
    {
        var entries = results.Select(r => catalog.Find(r.Suite, r.Method)).ToArray();
        var baselines = new Dictionary<(string, string, string, string, string), double>();
        for (var i = 0; i < results.Count; i++)
        {
            if (entries[i].IsBaseline && results[i].MeanNs is > 0 and var mean)
            {
                baselines.TryAdd(GroupOf(results[i], entries[i]), mean);
            }
        }

        var rows = new ReportRow[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            double? ratio = results[i].MeanNs is { } mean && baselines.TryGetValue(GroupOf(results[i], entries[i]), out var baseline)
                ? mean / baseline
                : null;
            rows[i] = new ReportRow(results[i], entries[i].Category, entries[i].IsBaseline, ratio);
        }

        return rows;
    }

    private static (string, string, string, string, string) GroupOf(BenchmarkResult result, CatalogEntry entry) =>
        (result.Namespace, result.Suite, entry.Category, result.Parameters, result.Job);
}
