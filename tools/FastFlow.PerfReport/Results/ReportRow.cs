namespace FastFlow.PerfReport.Results;

/// <summary>A measured benchmark with its place in its suite: category, whether it is the
/// baseline, and its mean over the baseline's.</summary>
/// <param name="Result">The measurement.</param>
/// <param name="Category">Its categories, comma-separated; empty when it has none.</param>
/// <param name="IsBaseline">True when it is the baseline its group's ratios divide by.</param>
/// <param name="Ratio">Its mean over the mean of the baseline of the same suite, category,
/// parameters and job; null when that group has no measured baseline.</param>
internal sealed record ReportRow(BenchmarkResult Result, string Category, bool IsBaseline, double? Ratio);
