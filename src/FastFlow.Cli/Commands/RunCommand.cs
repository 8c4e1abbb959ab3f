using System.CommandLine;
using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Loading;
using FastFlow.Cli.Output;
using FastFlow.Cli.Running;
using FastFlow.Definitions;
using Spectre.Console;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow run FILE [--input k=v]... [--inputs-file F] [--agents F] [--file-root DIR]
/// [--data DIR | --in-memory] [--run-id ID] [--json] [--timeout SECONDS] [--quiet]</c>: runs a
/// definition here, to the end, kept in a data directory (./.fastflow) unless <c>--in-memory</c>.</summary>
internal static class RunCommand
{
    private static readonly System.Buffers.SearchValues<char> s_runIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    public static Command Create()
    {
        var file = SharedOptions.FileArgument("A definition file, YAML or JSON");
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "An input as name=value (repeatable); text converted to the declared input type, JSON for objects and arrays",
            HelpName = "NAME=VALUE",
        };
        var inputsFile = SharedOptions.Path("--inputs-file", "FILE", "A JSON or YAML map of inputs; --input values override it");
        var agents = SharedOptions.Agents();
        var fileRoot = SharedOptions.Path("--file-root", "DIR", "The folder file_operation may use (default: the current directory)");
        var inMemory = new Option<bool>("--in-memory")
        {
            Description = "Keep the run in memory only: nothing is written, and the run cannot be resumed",
        };
        var data = SharedOptions.Path("--data", "DIR", "The data directory to keep the run in (default: ./.fastflow, created if missing)");
        var runId = new Option<string>("--run-id")
        {
            Description = "The run's id (letters, digits, '.', '_', '-'; at most 64); default: a new time-ordered id",
            HelpName = "ID",
        };
        runId.Validators.Add(static result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!IsRunId(text))
            {
                result.AddError($"--run-id '{text}' is not a run id: use 1 to 64 letters, digits, '.', '_' or '-'.");
            }
        });
        var timeout = TimeoutOption();
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print only the summary, no progress",
        };
        var json = SharedOptions.Json();
        // Not an option of run: it is there to point whoever tries it to the command that does it.
        var server = new Option<string>("--server") { Hidden = true };
        var command = new Command("run",
            "Run a definition on this machine to the end, with live progress and a summary.\n" +
            "exec and file_operation are enabled (file root: the current directory or --file-root).\n" +
            "The run is kept in ./.fastflow (or --data DIR), so that `fastflow status`, `resume` and the other run commands find it;\n" +
            "--in-memory keeps it in memory only.\n" +
            "Exit codes: 0 completed, 1 failed, 2 invalid input, 3 cancelled (Ctrl-C, --timeout), 4 paused.")
        {
            file,
            input,
            inputsFile,
            agents,
            fileRoot,
            inMemory,
            data,
            runId,
            timeout,
            quiet,
            json,
            server,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(server) is not null)
            {
                var address = result.GetValue(server) is { Length: > 0 } given ? given : "HOST:PORT";
                result.AddError(
                    $"fastflow run runs a definition on this machine and takes no --server; " +
                    $"to run it on a server and wait for the end, use `fastflow submit FILE --wait --server {address}` (same output and exit codes).");
            }

            if (result.GetValue(inMemory) && result.GetResult(data) is not null)
            {
                result.AddError("--data and --in-memory cannot be used together: --data DIR keeps the run in DIR, --in-memory keeps it nowhere.");
            }
        });
        command.SetAction((parse, _) => ExecuteAsync(new RunArguments(
            parse.GetRequiredValue(file),
            parse.GetValue(input) ?? [],
            parse.GetValue(inputsFile),
            parse.GetValue(agents),
            parse.GetValue(fileRoot),
            parse.GetValue(data),
            parse.GetValue(inMemory),
            parse.GetValue(runId),
            parse.GetValue(timeout),
            parse.GetValue(quiet),
            parse.GetValue(json))));
        return command;
    }

    private static async Task<int> ExecuteAsync(RunArguments arguments)
    {
        var timeout = Timeout(arguments.TimeoutSeconds);
        var fileRoot = FileRoot(arguments.FileRoot);
        if (arguments.InMemory)
        {
            using var engine = LocalEngine.Create(fileRoot, forRunning: true);
            var (definition, inputs) = Prepare(engine, arguments);
            return await RunAsync(engine, definition, inputs, arguments, timeout, data: null).ConfigureAwait(false);
        }

        // Everything is checked before the data directory is opened: an invalid definition leaves
        // no directory behind and does not wait for one that is in use.
        WorkflowDefinition checkedDefinition;
        Dictionary<string, object?> checkedInputs;
        using (var checker = LocalEngine.Create(fileRoot, forRunning: false))
        {
            (checkedDefinition, checkedInputs) = Prepare(checker, arguments);
        }

        var data = DataDirectory.From(arguments.DataDirectory);
        var store = data.OpenOrCreate();
        await using (store.ConfigureAwait(false))
        {
            using var engine = LocalEngine.Create(fileRoot, forRunning: true, store);
            if (arguments.AgentsFile is { } agents)
            {
                // Found valid above; the definition is compiled against this engine's registry.
                LocalAgents.Load(engine, agents);
            }

            if (arguments.RunId is { } id && engine.GetStoredRun(id) is not null)
            {
                throw new CommandFailedException(
                    $"a run '{id}' already exists in {data.Display}",
                    $"choose another --run-id, or leave it out for a new id; `fastflow status {id}{data.Option}` shows that run");
            }

            return await RunAsync(engine, checkedDefinition, checkedInputs, arguments, timeout, data).ConfigureAwait(false);
        }
    }

    /// <summary>The definition and inputs, every problem reported at once (<see cref="RunPreparation"/>); warnings printed.</summary>
    private static (WorkflowDefinition Definition, Dictionary<string, object?> Inputs) Prepare(FlowEngine engine, RunArguments arguments)
    {
        var (definition, inputs, warnings) = RunPreparation.Prepare(engine, arguments.File, arguments.AgentsFile, arguments.InputsFile, arguments.Inputs);
        if (!arguments.Json)
        {
            DiagnosticPrinter.ForStandardError().WriteAll(warnings);
        }

        return (definition, inputs);
    }

    /// <summary>Runs the definition on <paramref name="engine"/> (journaled into <paramref name="data"/>, or in memory) and prints the end.</summary>
    private static async Task<int> RunAsync(
        FlowEngine engine, WorkflowDefinition definition, Dictionary<string, object?> inputs, RunArguments arguments, TimeSpan? timeout, DataDirectory? data)
    {
        var workflow = engine.Compile(definition);
        var display = Display(arguments.Json, arguments.Quiet);
        var outcome = await RunSession.RunAsync(engine, workflow, inputs, display, timeout, arguments.RunId).ConfigureAwait(false);
        Print(outcome, display, data, arguments.Json);
        return outcome.ExitCode;
    }

    /// <summary>The end of a run this process ran or resumed: the run object, or the summary.</summary>
    public static void Print(RunOutcome outcome, IRunDisplay display, DataDirectory? data, bool json)
    {
        var report = outcome.Report();
        if (json)
        {
            RunJson.Write(report);
            return;
        }

        var console = Consoles.StandardOutput();
        if (display is LineProgress)
        {
            console.WriteLine();
        }

        RunSummary.Write(console, report, new SummaryNotes(data, outcome.Interrupted, outcome.TimedOut));
    }

    /// <summary>How a run is shown while it goes: nothing, a live table or timestamped lines.</summary>
    public static IRunDisplay Display(bool json, bool quiet)
    {
        if (json || quiet)
        {
            return new QuietProgress();
        }

        return Terminal.StandardOutputIsInteractive ? new LiveProgress(AnsiConsole.Console) : new LineProgress(Console.Out);
    }

    /// <summary>1 to 64 of <c>[A-Za-z0-9._-]</c>: safe in the store's keys and on a command line.</summary>
    private static bool IsRunId(string text) =>
        text.Length is > 0 and <= 64 && text.AsSpan().IndexOfAnyExcept(s_runIdCharacters) < 0 && text is not ("." or "..");

    /// <summary><c>--timeout SECONDS</c>, a number (checked to be above 0 by <see cref="Timeout"/>).</summary>
    public static Option<double?> TimeoutOption() => new("--timeout")
    {
        Description = "Cancel the run after this many seconds (exit 3)",
        HelpName = "SECONDS",
        CustomParser = static result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }

            result.AddError($"--timeout '{text}' is not a number of seconds; write e.g. --timeout 60 or --timeout 0.5.");
            return null;
        },
    };

    /// <summary>The time of <c>--timeout</c>; null when not given.</summary>
    public static TimeSpan? Timeout(double? seconds)
    {
        if (seconds is not { } value)
        {
            return null;
        }

        if (!double.IsFinite(value) || value <= 0 || value > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new CommandFailedException(
                $"--timeout {value.ToString(CultureInfo.InvariantCulture)} is not a number of seconds above 0",
                "write e.g. --timeout 60, or leave it out to let the run take as long as it needs");
        }

        return TimeSpan.FromSeconds(value);
    }

    /// <summary>The folder of <c>--file-root</c>, or the current directory.</summary>
    public static string FileRoot(string? given)
    {
        var root = Path.GetFullPath(given ?? Environment.CurrentDirectory);
        if (!Directory.Exists(root))
        {
            throw new CommandFailedException(
                $"the file root '{given}' is not a directory",
                "give --file-root an existing folder, or leave it out to use the current directory");
        }

        return root;
    }

    /// <summary>What the command line says.</summary>
    private sealed record RunArguments(
        string File,
        string[] Inputs,
        string? InputsFile,
        string? AgentsFile,
        string? FileRoot,
        string? DataDirectory,
        bool InMemory,
        string? RunId,
        double? TimeoutSeconds,
        bool Quiet,
        bool Json);
}
