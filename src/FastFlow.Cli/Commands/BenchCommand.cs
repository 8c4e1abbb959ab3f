using System.CommandLine;
using System.CommandLine.Parsing;
using FastFlow.Bench.Shapes;
using FastFlow.Cli.Benchmarking;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow bench --shape S [--size N] | --workflow FILE [--runs N]</c>: measures
/// FastFlow on this machine, in this process.</summary>
internal static class BenchCommand
{
    private const int DefaultTasks = 1_000_000;
    private const int DefaultRounds = 5;
    private const int DefaultRuns = 10_000;
    private static readonly string[] s_shapes = ["chain", "tree", "wavefront", "fanout"];
    private static readonly string[] s_durabilities = ["none", "batched", "immediate"];

    public static Command Create()
    {
        var shape = new Option<string?>("--shape")
        {
            Description = "Measure an empty-task DAG: chain, tree (binary), wavefront (grid) or fanout (N tasks and one join)",
            HelpName = "SHAPE",
        };
        OneOf(shape, s_shapes, "a shape");
        var size = Positive("--size", "N", $"Tasks in the DAG (default {DefaultTasks:N0}; the wavefront is the largest square within N)");
        var rounds = Positive("--rounds", "N", $"Rounds per shape; each figure is the best of them (default {DefaultRounds})");
        var workflow = SharedOptions.Path("--workflow", "FILE", "Measure a real definition run many times");
        var runs = Positive("--runs", "N", $"Measured runs of --workflow (default {DefaultRuns:N0})");
        var warmup = NonNegative("--warmup", "N", "Unmeasured runs first (default: a tenth of --runs, at most 1,000)");
        var concurrency = Positive("--concurrency", "C", "Runs of --workflow in flight at once (default 1)");
        var workers = Positive("--workers", "W", $"Engine worker threads (default {Environment.ProcessorCount}, one per processor)");
        var durability = new Option<string>("--durability")
        {
            Description = "State durability of the runs: none (default), batched or immediate",
            HelpName = "MODE",
            DefaultValueFactory = static _ => "none",
        };
        OneOf(durability, s_durabilities, "a durability mode");
        var server = new Option<string?>("--server")
        {
            Description = "Measure against a FastFlow server at host:port instead of in this process",
            HelpName = "HOST:PORT",
        };
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "An input of every run of --workflow, as name=value (repeatable)",
            HelpName = "NAME=VALUE",
        };
        var inputsFile = SharedOptions.Path("--inputs-file", "FILE", "A JSON or YAML map of inputs of every run of --workflow");
        var agents = SharedOptions.Agents();
        var json = SharedOptions.Json();
        var command = new Command("bench",
            "Measure FastFlow on this machine.\n" +
            "  --shape S [--size N]: an empty-task DAG built and run by FastFlow and by a plain .NET\n" +
            "      baseline (a dependency-counter executor on the ThreadPool), per task.\n" +
            "  --workflow FILE [--runs N] [--concurrency C]: a real definition run many times:\n" +
            "      runs per second and latency percentiles.\n" +
            "Exit codes: 0 measured, 1 some runs of --workflow did not complete, 2 invalid input.")
        {
            shape, size, rounds, workflow, runs, warmup, concurrency, workers, durability, server, input, inputsFile, agents, json,
        };
        command.Validators.Add(result =>
        {
            var hasShape = result.GetResult(shape) is not null;
            var hasWorkflow = result.GetResult(workflow) is not null;
            if (hasShape == hasWorkflow)
            {
                result.AddError(hasShape
                    ? "Give either --shape or --workflow, not both."
                    : "Say what to measure: --shape chain|tree|wavefront|fanout, or --workflow FILE.");
                return;
            }

            var misplaced = hasShape
                ? new Option[] { runs, warmup, concurrency, durability, server, input, inputsFile, agents }
                : [size, rounds];
            foreach (var option in misplaced)
            {
                if (result.GetResult(option) is { Implicit: false })
                {
                    result.AddError($"{option.Name} applies to {(hasShape ? "--workflow" : "--shape")}, not to {(hasShape ? "--shape" : "--workflow")}.");
                }
            }
        });
        command.SetAction((parse, _) =>
        {
            var workerCount = parse.GetValue(workers) ?? Environment.ProcessorCount;
            var jsonOutput = parse.GetValue(json);
            if (parse.GetValue(shape) is { } shapeName)
            {
                return ShapeBench.RunAsync(Enum.Parse<DagShape>(shapeName, ignoreCase: true), parse.GetValue(size) ?? DefaultTasks, workerCount, parse.GetValue(rounds) ?? DefaultRounds, jsonOutput);
            }

            RefuseUnavailable(parse.GetValue(server));
            var runCount = parse.GetValue(runs) ?? DefaultRuns;
            return WorkflowBench.RunAsync(new WorkflowBenchArguments(
                parse.GetRequiredValue(workflow),
                runCount,
                parse.GetValue(warmup) ?? Math.Min(1_000, runCount / 10),
                parse.GetValue(concurrency) ?? 1,
                workerCount,
                parse.GetValue(input) ?? [],
                parse.GetValue(inputsFile),
                parse.GetValue(agents),
                parse.GetValue(durability)!,
                jsonOutput));
        });
        return command;
    }

    /// <summary>This version has no client for a server: say so rather than measure something
    /// else than what was asked.</summary>
    private static void RefuseUnavailable(string? server)
    {
        if (server is not null)
        {
            throw new CommandFailedException(
                $"--server {server}: this version of fastflow cannot drive a server yet",
                "leave out --server to measure in this process");
        }
    }

    /// <summary>Refuses a value outside <paramref name="allowed"/>, naming the option and the choices.</summary>
    private static void OneOf(Option option, string[] allowed, string what) =>
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!allowed.Contains(token.Value, StringComparer.Ordinal))
                {
                    result.AddError($"{option.Name} '{token.Value}' is not {what}; use one of: {string.Join(", ", allowed)}.");
                }
            }
        });

    private static Option<int?> Positive(string name, string helpName, string description) => Counted(name, helpName, description, 1);

    private static Option<int?> NonNegative(string name, string helpName, string description) => Counted(name, helpName, description, 0);

    private static Option<int?> Counted(string name, string helpName, string description, int least) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Count(result, name, least),
    };

    private static int? Count(ArgumentResult result, string name, int least)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= least)
        {
            return value;
        }

        result.AddError($"{name} '{text}' is not a whole number of at least {least}; write e.g. {name} {Math.Max(least, 1) * 1000}.");
        return null;
    }
}
