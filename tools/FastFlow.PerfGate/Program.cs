using System.Diagnostics;
using System.Globalization;
using FastFlow.Bench.Gate;

// The CI performance gate: measures what the budget lists, prints every figure (absolute times
// too, for the record), and exits 1 when an allocation budget or a ratio tolerance is exceeded.
// Usage: FastFlow.PerfGate [BUDGET.json]   (default: tools/perf-gate.json)
var path = args.Length > 0 ? args[0] : Path.Combine("tools", "perf-gate.json");
if (args.Length > 1 || path is "-h" or "--help")
{
    Console.Error.WriteLine("usage: FastFlow.PerfGate [BUDGET.json]   (default: tools/perf-gate.json)");
    return 2;
}

PerfBudget budget;
try
{
    budget = PerfBudget.Load(path);
}
catch (PerfBudgetException exception)
{
    Console.Error.WriteLine($"perf gate: {exception.Message}");
    Console.Error.WriteLine("  hint: see docs/benchmarks.md for the budget file's fields");
    return 2;
}

var watch = Stopwatch.StartNew();
var checks = PerfGate.Run(budget);
var failed = 0;
foreach (var check in checks)
{
    var verdict = check.Passed ? "pass" : "FAIL";
    failed += check.Passed ? 0 : 1;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{verdict}  {check.Name,-40} {check.Measured,10:F3} {check.Unit,-7} limit {check.Limit,8:F3}   {check.Note}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"perf gate took {watch.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores"));
Console.WriteLine($"perf gate: {checks.Count - failed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
