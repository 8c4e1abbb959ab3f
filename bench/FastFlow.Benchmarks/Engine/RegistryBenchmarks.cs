using BenchmarkDotNet.Attributes;
using FastFlow.Registry;

namespace FastFlow.Benchmarks.Engine;

/// <summary>Looking up a handler in the unified registry (target ≤ 50 ns), beside a plain
/// Dictionary lookup of the same key as the baseline.</summary>
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    private readonly FlowRegistry _registry = new();
    private readonly Dictionary<string, object> _dictionary = new(StringComparer.Ordinal);
    private string _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var name = "handler_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            TaskHandler handler = static _ => default;
            _registry.RegisterHandler(name, handler);
            _dictionary[name] = handler;
        }

        // A key not interned with the registered one, as a definition loaded from a file would hold.
        _key = new string("handler_500".AsSpan());
    }

    [Benchmark(Baseline = true)]
    public object? DictionaryLookup() => _dictionary.TryGetValue(_key, out var value) ? value : null;

    [Benchmark]
    public TaskHandler? RegistryLookup() => _registry.TryLookup<TaskHandler>(ComponentKind.Handler, _key, out var handler) ? handler : null;
}
