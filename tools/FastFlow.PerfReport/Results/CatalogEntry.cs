namespace FastFlow.PerfReport.Results;

/// <summary>A benchmark method's category and whether it is its category's baseline.</summary>
/// <param name="Suite">The suite's type name.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Category">Its categories, comma-separated; empty when it has none.</param>
/// <param name="IsBaseline">True for <c>[Benchmark(Baseline = true)]</c>.</param>
internal sealed record CatalogEntry(string Suite, string Method, string Category, bool IsBaseline);
