using System.CommandLine;
using FastFlow.Cli.Loading;
using FastFlow.Cli.Output;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow validate FILE... [--agents F] [--json]</c>: every problem of each file.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = SharedOptions.FilesArgument("Definition files, YAML or JSON");
        var agents = SharedOptions.Agents();
        var json = SharedOptions.Json();
        var command = new Command("validate",
            "Check definition files and print every problem with its file, line, column, code and a hint.\n" +
            "Agents are checked only with --agents. Exit 0 when every file is valid (warnings allowed), 2 otherwise.")
        {
            files,
            agents,
            json,
        };
        command.SetAction(parse => Execute(parse.GetRequiredValue(files), parse.GetValue(agents), parse.GetValue(json)));
        return command;
    }

    private static int Execute(string[] files, string? agentsFile, bool json)
    {
        using var engine = LocalEngine.Create(Environment.CurrentDirectory, forRunning: false);
        var reports = new List<FileReport>(files.Length + 1);
        if (agentsFile is not null)
        {
            // The agents file is checked too, and reported first: the definitions' agent
            // references are checked against the agents it defines.
            reports.Add(LocalAgents.Load(engine, agentsFile, checkOnly: true));
        }

        foreach (var file in files)
        {
            var check = DefinitionCheck.Run(engine, file, checkReferences: agentsFile is not null);
            reports.Add(new FileReport(file, check.IsValid, check.Diagnostics));
        }

        if (json)
        {
            ValidationJson.Write(reports);
        }
        else
        {
            ValidationText.Write(reports);
        }

        return reports.TrueForAll(static r => r.Valid) ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
