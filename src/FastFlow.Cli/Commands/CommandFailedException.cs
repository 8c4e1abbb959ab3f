using FastFlow.Cli.Output;
using FastFlow.Validation;

namespace FastFlow.Cli.Commands;

/// <summary>A command cannot go on because of something the user gave it (a missing directory, a
/// refused option): carries what to print and the exit code, so commands stop with one throw and
/// never show a stack trace for a user mistake.</summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException(string message, string? hint, int exitCode = ExitCodes.InvalidInput, IReadOnlyList<Diagnostic>? diagnostics = null)
        : base(message)
    {
        Hint = hint;
        ExitCode = exitCode;
        Diagnostics = diagnostics ?? [];
    }

    public CommandFailedException()
        : this("the command failed", hint: null)
    {
    }

    public CommandFailedException(string message)
        : this(message, hint: null)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.InvalidInput;
        Diagnostics = [];
    }

    /// <summary>How to fix it.</summary>
    public string? Hint { get; }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The problems found, each with its position, when there are some.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Prints the failure (as a JSON error object on stdout with <c>--json</c>, as text on stderr otherwise) and returns the exit code.</summary>
    public int Report(bool json)
    {
        if (json)
        {
            ErrorJson.Write(Message, Hint, Diagnostics);
        }
        else
        {
            var printer = DiagnosticPrinter.ForStandardError();
            printer.WriteAll(Diagnostics);
            printer.WriteError(Message, Hint);
        }

        return ExitCode;
    }
}
