using System.CommandLine;
using FastFlow.Cli.Remote;

namespace FastFlow.Cli.Commands;

/// <summary>The options of a run sent to a server (<c>submit</c>, <c>create</c>): the definition
/// file, its inputs as <c>run</c> takes them, and the run's priority.</summary>
internal sealed class NewRunOptions
{
    private NewRunOptions()
    {
        File = SharedOptions.FileArgument("A definition file, YAML or JSON; its text is sent to the server, which validates it");
        Input = new Option<string[]>("--input", "-i")
        {
            Description = "An input as name=value (repeatable); text converted to the declared input type, JSON for objects and arrays",
            HelpName = "NAME=VALUE",
        };
        InputsFile = SharedOptions.Path("--inputs-file", "FILE", "A JSON or YAML map of inputs; --input values override it");
        Priority = new Option<string>("--priority")
        {
            Description = "The run's priority: low, normal (default), high or critical; the server runs higher ones first",
            HelpName = "PRIORITY",
        };
        Priority.AcceptOnlyFromAmong([.. WireNames.NamesOf<TaskPriority>()]);
    }

    public Argument<string> File { get; }

    public Option<string[]> Input { get; }

    public Option<string> InputsFile { get; }

    public Option<string> Priority { get; }

    public static NewRunOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(Input);
        command.Options.Add(InputsFile);
        command.Options.Add(Priority);
    }

    /// <summary>The file and inputs, read and checked.</summary>
    public RemoteDefinition Read(ParseResult parse) =>
        RemoteDefinition.Read(parse.GetRequiredValue(File), parse.GetValue(InputsFile), parse.GetValue(Input) ?? []);
}
