using BenchmarkDotNet.Running;

namespace FastFlow.Benchmarks;

/// <summary>Runs the suites: <c>dotnet run -c Release --project bench/FastFlow.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
