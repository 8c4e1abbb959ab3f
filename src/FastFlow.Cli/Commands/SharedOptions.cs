using System.CommandLine;

namespace FastFlow.Cli.Commands;

/// <summary>Options and arguments that several commands share, made fresh for each command.</summary>
internal static class SharedOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object on stdout (machine-readable) instead of text",
    };

    public static Option<string> Agents() =>
        Path("--agents", "FILE", "A YAML or JSON file of agents (process or HTTP); agent references are checked against it");

    /// <summary><c>--data DIR</c>: the data directory durable runs are kept in.</summary>
    public static Option<string> Data() =>
        Path("--data", "DIR", "The data directory the runs are kept in (default: ./.fastflow)");

    /// <summary>The id of a run kept in the data directory.</summary>
    public static Argument<string> RunArgument() =>
        RefuseOptions(new Argument<string>("RUN") { Description = "A run id, as `fastflow run` printed it and `fastflow runs` lists it" }, "a run id");

    /// <summary>An option whose value is a file or folder path, refused when empty.</summary>
    public static Option<string> Path(string name, string helpName, string description, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(static t => string.IsNullOrWhiteSpace(t.Value)))
            {
                result.AddError($"{name} needs a path, not an empty value.");
            }
        });
        return option;
    }

    /// <summary>One or more definition files.</summary>
    public static Argument<string[]> FilesArgument(string description) =>
        RefuseOptions(new Argument<string[]>("FILE") { Description = description, Arity = ArgumentArity.OneOrMore }, "a path");

    /// <summary>One definition file.</summary>
    public static Argument<string> FileArgument(string description) =>
        RefuseOptions(new Argument<string>("FILE") { Description = description }, "a path");

    /// <summary>True for <c>-x</c> and <c>--xyz</c>; a lone <c>-</c> is a value.</summary>
    public static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    /// <summary>An argument takes any token the parser does not know, so a mistyped <c>--jsn</c>
    /// would be read as a file name: refuse it as the unknown option it is.</summary>
    private static TArgument RefuseOptions<TArgument>(TArgument argument, string needs)
        where TArgument : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (LooksLikeOption(token.Value))
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
                else if (string.IsNullOrWhiteSpace(token.Value))
                {
                    result.AddError($"{argument.Name} needs {needs}, not an empty value.");
                }
            }
        });
        return argument;
    }
}
