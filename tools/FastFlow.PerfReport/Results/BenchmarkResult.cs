namespace FastFlow.PerfReport.Results;

/// <summary>One benchmark case as BenchmarkDotNet measured it: a method of a suite, for one set
/// of parameters and one job. Times are in nanoseconds per operation (per task for the shape
/// suites, whose operations per invoke are their task counts); null when the case failed.</summary>
/// <param name="Namespace">The suite's namespace.</param>
/// <param name="Suite">The suite's type name, as BenchmarkDotNet writes it (<c>ChainBenchmarks</c>).</param>
/// <param name="Method">The benchmark method.</param>
/// <param name="Parameters">The parameter values (<c>Tasks=5</c>); empty when the suite has none.</param>
/// <param name="Job">The job's id (<c>DefaultJob</c>, <c>Dry</c>, <c>ShortRun</c>).</param>
/// <param name="MeanNs">The mean time per operation.</param>
/// <param name="MedianNs">The median time per operation.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per operation; null without the memory diagnoser.</param>
internal sealed record BenchmarkResult(
    string Namespace,
    string Suite,
    string Method,
    string Parameters,
    string Job,
    double? MeanNs,
    double? MedianNs,
    long? AllocatedBytes);
