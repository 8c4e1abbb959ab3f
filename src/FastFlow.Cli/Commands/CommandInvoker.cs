using System.CommandLine;
using System.CommandLine.Invocation;

namespace FastFlow.Cli.Commands;

/// <summary>Parses the command line and runs the chosen command with fastflow's exit codes:
/// argument mistakes are exit 2 with a usage hint (System.CommandLine's own handler would say 1),
/// and Ctrl-C belongs to the commands (first graceful, then forced) rather than to the parser.</summary>
internal static class CommandInvoker
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return UsageErrors.Report(parse);
        }

        var configuration = new InvocationConfiguration
        {
            // Commands install their own signal handling (RunCommand: graceful, then forced cancel).
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (CommandFailedException failure)
        {
            return failure.Report(JsonRequested(parse));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not a user mistake (those are reported where they are found): say what broke without
            // burying it in a stack trace, unless asked for one.
            var error = Console.Error;
            await error.WriteLineAsync($"fastflow: internal error: {exception.GetType().Name}: {exception.Message}").ConfigureAwait(false);
            await error.WriteLineAsync(Environment.GetEnvironmentVariable("FASTFLOW_DEBUG") == "1"
                ? exception.ToString()
                : "  hint: this is a bug in fastflow; set FASTFLOW_DEBUG=1 for the stack trace and report it").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Whether the user asked for machine output, even on a command line that did not parse.</summary>
    public static bool JsonRequested(ParseResult parse) =>
        parse.Tokens.Any(static token => token.Value == "--json");
}
