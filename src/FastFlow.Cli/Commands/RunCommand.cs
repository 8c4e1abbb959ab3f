using System.CommandLine;
using System.Globalization;
using FastFlow.Cli.Loading;
using FastFlow.Cli.Output;
using FastFlow.Cli.Running;
using Spectre.Console;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow run FILE [--input k=v]... [--inputs-file F] [--agents F] [--file-root DIR]
/// [--in-memory] [--json] [--timeout SECONDS] [--quiet]</c>: runs a definition here, to the end.</summary>
internal static class RunCommand
{
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
            Description = "Keep the run in memory only (the default, and the only store in this version)",
        };
        var data = SharedOptions.Path("--data", "DIR", "A data directory for durable runs (not available in this version; refused)");
        var timeout = new Option<double?>("--timeout")
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
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print only the summary, no progress",
        };
        var json = SharedOptions.Json();
        var command = new Command("run",
            "Run a definition on this machine to the end, with live progress and a summary.\n" +
            "exec and file_operation are enabled (file root: the current directory or --file-root).\n" +
            "Exit codes: 0 completed, 1 failed, 2 invalid input, 3 cancelled (Ctrl-C, --timeout), 4 paused.")
        {
            file,
            input,
            inputsFile,
            agents,
            fileRoot,
            inMemory,
            data,
            timeout,
            quiet,
            json,
        };
        command.SetAction((parse, _) => ExecuteAsync(new RunArguments(
            parse.GetRequiredValue(file),
            parse.GetValue(input) ?? [],
            parse.GetValue(inputsFile),
            parse.GetValue(agents),
            parse.GetValue(fileRoot),
            parse.GetValue(data),
            parse.GetValue(timeout),
            parse.GetValue(quiet),
            parse.GetValue(json))));
        return command;
    }

    private static async Task<int> ExecuteAsync(RunArguments arguments)
    {
        if (arguments.DataDirectory is not null)
        {
            throw new CommandFailedException(
                "durable storage is not available in this version, so --data cannot be used",
                "omit --data (or pass --in-memory, the default): the run is kept in memory and ends with the process");
        }

        var timeout = Timeout(arguments.TimeoutSeconds);
        var fileRoot = FileRoot(arguments.FileRoot);
        using var engine = LocalEngine.Create(fileRoot, forRunning: true);
        var (definition, inputs, warnings) = RunPreparation.Prepare(engine, arguments.File, arguments.AgentsFile, arguments.InputsFile, arguments.Inputs);
        if (!arguments.Json)
        {
            DiagnosticPrinter.ForStandardError().WriteAll(warnings);
        }

        var workflow = engine.Compile(definition);
        var display = Display(arguments);
        var outcome = await RunSession.RunAsync(engine, workflow, inputs, display, timeout).ConfigureAwait(false);
        if (arguments.Json)
        {
            RunJson.Write(outcome.Result);
        }
        else
        {
            var console = Consoles.StandardOutput();
            if (display is LineProgress)
            {
                console.WriteLine();
            }

            RunSummary.Write(console, outcome);
        }

        return outcome.ExitCode;
    }

    private static IRunDisplay Display(RunArguments arguments)
    {
        if (arguments.Json || arguments.Quiet)
        {
            return new QuietProgress();
        }

        return Terminal.StandardOutputIsInteractive ? new LiveProgress(AnsiConsole.Console) : new LineProgress(Console.Out);
    }

    private static TimeSpan? Timeout(double? seconds)
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

    private static string FileRoot(string? given)
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
        double? TimeoutSeconds,
        bool Quiet,
        bool Json);
}
