using BenchmarkDotNet.Running;

namespace FastFlow.Benchmarks;

/// <summary>Runs the suites: <c>dotnet run -c Release --project bench/FastFlow.Benchmarks -- --filter '*'</c>,
/// or a rough look at the DAG shapes with <c>-- quick [rounds]</c>, at durable runs with
/// <c>-- durability</c> and <c>-- durability-disk --runs N</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "runs")
        {
            QuickRuns.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
            return;
        }

        if (args.Length > 0 && args[0] == "durability")
        {
            Durability.QuickDurability.RunAsync(args[1..]).GetAwaiter().GetResult();
            return;
        }

        if (args.Length > 0 && args[0] == "durability-disk")
        {
            Durability.QuickDiskUse.RunAsync(
                Durability.QuickDurability.IntOption(args, "--runs", 1_000_000),
                Durability.QuickDurability.IntOption(args, "--concurrency", 256)).GetAwaiter().GetResult();
            return;
        }

        if (args.Length > 0 && args[0] == Durability.QuickRecovery.ChildMode)
        {
            Durability.QuickRecovery.ChildAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
            return;
        }

        if (args.Length > 0 && args[0] == "construct")
        {
            QuickConstruct.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "quick")
        {
            QuickShapes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
