using System.CommandLine;
using FastFlow.Cli.Loading;
using FastFlow.Cli.Output;
using FastFlow.Visualization;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow graph FILE [--format text|dot|mermaid] [--output PATH]</c>: the visual
/// report of a definition, drawn for invalid definitions too, with the failing places marked.</summary>
internal static class GraphCommand
{
    private static readonly string[] s_formats = ["text", "dot", "mermaid"];

    public static Command Create()
    {
        var file = SharedOptions.FileArgument("A definition file, YAML or JSON");
        var format = new Option<string>("--format", "-f")
        {
            Description = "text for the terminal, dot for Graphviz, mermaid for Markdown",
            DefaultValueFactory = static _ => "text",
        };
        format.AcceptOnlyFromAmong(s_formats);
        var output = SharedOptions.Path("--output", "PATH", "Write the graph to this file instead of stdout", "-o");
        var agents = SharedOptions.Agents();
        var json = SharedOptions.Json();
        var command = new Command("graph",
            "Draw the task graph of a definition, with the failing places marked (tasks with errors, cycles,\n" +
            "unknown dependencies). Invalid definitions are drawn too: exit 0 when valid, 2 when invalid or unreadable.")
        {
            file,
            format,
            output,
            agents,
            json,
        };
        command.SetAction(parse => Execute(
            parse.GetRequiredValue(file),
            Parse(parse.GetValue(format)),
            parse.GetValue(output),
            parse.GetValue(agents),
            parse.GetValue(json)));
        return command;
    }

    private static GraphFormat Parse(string? format) => format switch
    {
        "dot" => GraphFormat.Dot,
        "mermaid" => GraphFormat.Mermaid,
        _ => GraphFormat.Text,
    };

    private static int Execute(string file, GraphFormat format, string? output, string? agentsFile, bool json)
    {
        using var engine = LocalEngine.Create(Environment.CurrentDirectory, forRunning: false);
        var agents = agentsFile is null ? null : LocalAgents.Load(engine, agentsFile);
        if (agents is { Valid: false })
        {
            throw new CommandFailedException($"the agents file {agentsFile} has errors", "fix it, or draw the graph without --agents", ExitCodes.InvalidInput, agents.Diagnostics);
        }

        var check = DefinitionCheck.Run(engine, file, checkReferences: agentsFile is not null);
        if (check.Validation is null)
        {
            throw new CommandFailedException($"cannot draw '{file}': the file is not a usable definition", "fix the problems above; `fastflow validate` lists them", ExitCodes.InvalidInput, check.Diagnostics);
        }

        var graph = GraphRenderer.Render(check.Validation, format);
        if (!graph.EndsWith('\n'))
        {
            graph += "\n";
        }

        if (output is not null)
        {
            WriteFile(output, graph);
        }

        var report = new FileReport(file, check.IsValid, check.Diagnostics);
        if (json)
        {
            GraphJson.Write(report, s_formats[(int)format], output, graph);
        }
        else
        {
            if (output is null)
            {
                Console.Out.Write(graph);
            }
            else
            {
                Console.Out.WriteLine($"wrote the graph of {file} to {output}");
            }

            // The graph itself stays clean on stdout (to pipe into `dot`); problems go to stderr.
            var printer = DiagnosticPrinter.ForStandardError();
            printer.WriteAll(check.Diagnostics);

            if (!check.IsValid)
            {
                printer.Writer.WriteLine($"{file}: invalid ({report.Counts()}); the graph marks where");
            }
        }

        return check.IsValid ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static void WriteFile(string path, string graph)
    {
        try
        {
            File.WriteAllText(path, graph);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CommandFailedException($"cannot write the graph to '{path}': {e.Message}", "check that the folder exists and is writable", ExitCodes.InvalidInput);
        }
    }
}
