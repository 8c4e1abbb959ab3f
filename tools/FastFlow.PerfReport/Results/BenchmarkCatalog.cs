using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace FastFlow.PerfReport.Results;

/// <summary>What BenchmarkDotNet's JSON leaves out: which method of a suite is a baseline and
/// which category a method belongs to (a suite grouped by category has a baseline per category).
/// Read from the suites' <c>[Benchmark]</c> and <c>[BenchmarkCategory]</c> attributes.</summary>
internal sealed class BenchmarkCatalog
{
    private readonly Dictionary<(string Suite, string Method), CatalogEntry> _entries;

    /// <summary>A catalog of the given methods.</summary>
    public BenchmarkCatalog(IEnumerable<CatalogEntry> entries)
    {
        _entries = entries.ToDictionary(e => (e.Suite, e.Method));
    }

    /// <summary>Every benchmark method of every concrete suite in an assembly.</summary>
    public static BenchmarkCatalog FromAssembly(Assembly assembly)
    {
        var entries = new List<CatalogEntry>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.GetCustomAttribute<BenchmarkAttribute>(inherit: true) is { } benchmark)
                {
                    var categories = method.GetCustomAttributes<BenchmarkCategoryAttribute>(inherit: true).SelectMany(a => a.Categories);
                    entries.Add(new CatalogEntry(type.Name, method.Name, string.Join(",", categories), benchmark.Baseline));
                }
            }
        }

        return new BenchmarkCatalog(entries);
    }

    /// <summary>The catalog of bench/FastFlow.Benchmarks.</summary>
    public static BenchmarkCatalog ForFastFlowBenchmarks() => FromAssembly(typeof(Benchmarks.Program).Assembly);

    /// <summary>Every method, in no particular order.</summary>
    public IEnumerable<CatalogEntry> Entries => _entries.Values;

    /// <summary>What the catalog knows of a method; a method it does not know (a suite run from
    /// an older build, say) is in no category and is no baseline.</summary>
    public CatalogEntry Find(string suite, string method) =>
        _entries.TryGetValue((suite, method), out var entry) ? entry : new CatalogEntry(suite, method, string.Empty, IsBaseline: false);
}
