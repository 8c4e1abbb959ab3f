using System.Globalization;
using System.Text.Json;
using FastFlow.Bench;
using FastFlow.Bench.Workflows;
using FastFlow.Cli.Loading;
using FastFlow.Cli.Output;
using FastFlow.Cli.Commands;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;
using Spectre.Console;

namespace FastFlow.Cli.Benchmarking;

/// <summary><c>fastflow bench --workflow FILE --runs N</c>: a real definition run many times in
/// this process, with throughput and latency percentiles.</summary>
internal static class WorkflowBench
{
    public static async Task<int> RunAsync(WorkflowBenchArguments arguments)
    {
        // batched and immediate journal every transition into a FASTER store of their own, in a
        // directory made for the measurement and deleted after it; none keeps runs in memory.
        using var directory = arguments.Durability == "none" ? null : new BenchDataDirectory();
        var store = directory is null ? null : FasterStateStore.Open(directory.Path, new StateStoreOptions
        {
            Durability = arguments.Durability == "immediate" ? StoreDurability.Immediate : StoreDurability.Batched,
        });
        try
        {
            using var engine = LocalEngine.Create(Environment.CurrentDirectory, arguments.Workers, store);
            return await RunAsync(engine, arguments).ConfigureAwait(false);
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunAsync(FlowEngine engine, WorkflowBenchArguments arguments)
    {
        var (definition, inputs, warnings) = RunPreparation.Prepare(engine, arguments.File, arguments.AgentsFile, arguments.InputsFile, arguments.Inputs);
        if (!arguments.Json)
        {
            DiagnosticPrinter.ForStandardError().WriteAll(warnings);
        }

        var workflow = engine.Compile(definition);
        var progress = new BenchProgress();
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        WorkflowLoadReport report;
        try
        {
            report = await ProgressBar.RunAsync(
                $"{definition.Id}: {arguments.Runs:N0} runs",
                progress,
                show: !arguments.Json && Terminal.StandardOutputIsInteractive,
                () => WorkflowLoad.RunAsync(engine, workflow, inputs, arguments.Runs, arguments.WarmupRuns, arguments.Concurrency, arguments.Durability, progress, interrupt.Token)
                    .GetAwaiter().GetResult()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            throw new CommandFailedException("the benchmark was interrupted before it finished; nothing to report", "let it run to the end, or ask for fewer runs with --runs", ExitCodes.Cancelled);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        if (arguments.Json)
        {
            JsonOutput.Write(writer => Write(writer, report, arguments.File));
        }
        else
        {
            WriteTable(Consoles.StandardOutput(), report, arguments.File);
        }

        return report.Completed == report.Runs ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    /// <summary>The <c>--json</c> object.</summary>
    public static void Write(Utf8JsonWriter writer, WorkflowLoadReport report, string file)
    {
        writer.WriteStartObject();
        writer.WriteString("workflow_id", report.WorkflowId);
        writer.WriteString("file", file);
        writer.WriteNumber("runs", report.Runs);
        writer.WriteNumber("warmup_runs", report.WarmupRuns);
        writer.WriteNumber("concurrency", report.Concurrency);
        writer.WriteNumber("workers", report.Workers);
        writer.WriteString("durability", report.Durability);
        writer.WriteNumber("completed", report.Completed);
        writer.WriteNumber("failed", report.Failed);
        writer.WriteNumber("cancelled", report.Cancelled);
        writer.WriteNumber("elapsed_ms", Math.Round(report.Elapsed.TotalMilliseconds, 3));
        writer.WriteNumber("runs_per_second", Math.Round(report.RunsPerSecond, 1));
        writer.WriteStartObject("latency_us");
        writer.WriteNumber("mean", Math.Round(report.Latency.MeanUs, 2));
        writer.WriteNumber("p50", Math.Round(report.Latency.P50Us, 2));
        writer.WriteNumber("p90", Math.Round(report.Latency.P90Us, 2));
        writer.WriteNumber("p99", Math.Round(report.Latency.P99Us, 2));
        writer.WriteNumber("max", Math.Round(report.Latency.MaxUs, 2));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTable(IAnsiConsole console, WorkflowLoadReport report, string file)
    {
        var latency = report.Latency;
        var table = new Table()
            .Title($"{report.WorkflowId}: {report.Runs:N0} runs, {report.Concurrency} at a time, {report.Workers} workers, durability {report.Durability}")
            .AddColumn(new TableColumn("runs/s").RightAligned())
            .AddColumn(new TableColumn("p50").RightAligned())
            .AddColumn(new TableColumn("p90").RightAligned())
            .AddColumn(new TableColumn("p99").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned())
            .AddColumn(new TableColumn("completed").RightAligned())
            .AddColumn(new TableColumn("failed").RightAligned());
        table.AddRow(
            report.RunsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            Us(latency.P50Us),
            Us(latency.P90Us),
            Us(latency.P99Us),
            Us(latency.MaxUs),
            report.Completed.ToString("N0", CultureInfo.InvariantCulture),
            (report.Failed + report.Cancelled).ToString("N0", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"latency is submit to end of each run; {report.WarmupRuns:N0} warm-up run{(report.WarmupRuns == 1 ? " was" : "s were")} made first and not measured.")));
        if (report.Completed < report.Runs)
        {
            console.MarkupLine($"[yellow]{report.Runs - report.Completed:N0} runs did not complete[/]: `fastflow run {Markup.Escape(file)}` shows why.");
        }
    }

    private static string Us(double value) => value >= 10_000
        ? string.Create(CultureInfo.InvariantCulture, $"{value / 1000:F2} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{value:F1} µs");
}

/// <summary>What the command line says for a workflow benchmark.</summary>
internal sealed record WorkflowBenchArguments(
    string File,
    int Runs,
    int WarmupRuns,
    int Concurrency,
    int Workers,
    string[] Inputs,
    string? InputsFile,
    string? AgentsFile,
    string Durability,
    bool Json);
