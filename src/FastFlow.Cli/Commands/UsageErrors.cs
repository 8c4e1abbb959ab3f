using System.CommandLine;
using FastFlow.Cli.Output;
using FastFlow.Validation;

namespace FastFlow.Cli.Commands;

/// <summary>Reports a command line that does not parse: what is wrong, a "did you mean" for a
/// mistyped option, the command's usage and where its help is; exit 2.</summary>
internal static class UsageErrors
{
    public static int Report(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var name = CommandName(command);
        var messages = Messages(parse, command);
        var hints = new List<string>();
        if (command is RootCommand)
        {
            var unknown = parse.UnmatchedTokens.FirstOrDefault(static t => !SharedOptions.LooksLikeOption(t));
            var closest = unknown is null ? null : NameSuggester.Closest(unknown, command.Subcommands.Select(static c => c.Name));
            hints.Add(closest is not null
                ? $"did you mean '{closest}'?"
                : "commands: " + string.Join(", ", command.Subcommands.Select(static c => c.Name)));
        }

        foreach (var token in UnknownOptions(parse))
        {
            var closest = NameSuggester.Closest(token, OptionNames(command));
            if (closest is not null)
            {
                hints.Add($"did you mean '{closest}' instead of '{token}'?");
            }
        }

        hints.Add($"usage: {Usage(command)}");
        hints.Add($"run `{name} --help` for every option, with examples");
        var message = string.Join(Environment.NewLine, messages);
        var hint = string.Join('\n', hints);
        if (CommandInvoker.JsonRequested(parse))
        {
            ErrorJson.Write(message, hint, []);
        }
        else
        {
            DiagnosticPrinter.ForStandardError().WriteError(message, hint, prefix: name);
        }

        return ExitCodes.InvalidInput;
    }

    /// <summary>The parser's messages on one line each; at the root, one message for a missing or unknown command.</summary>
    private static List<string> Messages(ParseResult parse, Command command)
    {
        if (command is RootCommand)
        {
            var unknown = parse.UnmatchedTokens.FirstOrDefault(static t => !SharedOptions.LooksLikeOption(t));
            if (unknown is not null)
            {
                return [$"unknown command '{unknown}'"];
            }

            if (parse.UnmatchedTokens.Count == 0)
            {
                return ["no command given"];
            }
        }

        // "Must be one of:\n\t'text'\n\t'dot'" reads better on one line.
        return parse.Errors
            .Select(static e => string.Join(' ', e.Message.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(m => command is not RootCommand || !m.StartsWith("Required command", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A one-line synopsis: <c>fastflow validate FILE... [options]</c>.</summary>
    public static string Usage(Command command)
    {
        var parts = new List<string> { CommandName(command) };
        if (command.Subcommands.Count > 0)
        {
            parts.Add("COMMAND");
        }

        foreach (var argument in command.Arguments)
        {
            parts.Add(argument.Arity.MaximumNumberOfValues > 1 ? argument.Name + "..." : argument.Name);
        }

        parts.Add("[options]");
        return string.Join(' ', parts);
    }

    private static string CommandName(Command command) => command is RootCommand ? "fastflow" : "fastflow " + command.Name;

    /// <summary>Tokens that look like options and that the parser could not place: unmatched ones,
    /// and those a variadic FILE argument swallowed (see <see cref="SharedOptions.FilesArgument"/>).</summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parse) =>
        parse.UnmatchedTokens
            .Concat(parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>().SelectMany(static a => a.Tokens.Select(static t => t.Value)))
            .Where(SharedOptions.LooksLikeOption)
            .Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> OptionNames(Command command)
    {
        for (var current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in current.Options)
            {
                if (current == command || option.Recursive)
                {
                    yield return option.Name;
                    foreach (var alias in option.Aliases)
                    {
                        yield return alias;
                    }
                }
            }
        }
    }
}
