using FastFlow.Cli.Commands;
using FastFlow.Cli.Output;
using FastFlow.Client;
using FastFlow.Protocol;

namespace FastFlow.Cli.Remote;

/// <summary>A request the server refused, as the command's failure: the server's message (it says
/// what and where), a hint for what to do from the command line, every finding of an invalid
/// definition, and the exit code (2 for invalid input, an unknown run or a run in the wrong state;
/// 5 for a server that cannot take work).</summary>
internal static class ServerRefusals
{
    public static CommandFailedException ToFailure(FastFlowServerException exception, ServerAddress server, RequestContext context)
    {
        var diagnostics = RemoteDiagnostics.From(exception.Details, context.File);
        var message = Message(exception, server, context, diagnostics);
        // Findings carry their own hints (a refused action says how to allow it): one is enough.
        var hint = exception.Code == ErrorCode.Refused && diagnostics.Any(static d => d.Hint is not null) ? null : Hint(exception.Code, server, context);
        return new CommandFailedException(message, hint, ExitCodeOf(exception.Code), diagnostics);
    }

    /// <summary>The exit code of a refusal.</summary>
    public static int ExitCodeOf(ErrorCode code) => code switch
    {
        ErrorCode.InvalidDefinition or ErrorCode.InvalidRequest or ErrorCode.NotFound or ErrorCode.InvalidState
            or ErrorCode.Refused or ErrorCode.NotDurable or ErrorCode.AlreadyExists => ExitCodes.InvalidInput,
        ErrorCode.NotAuthenticated or ErrorCode.BadToken or ErrorCode.TooManyConnections or ErrorCode.ShuttingDown
            or ErrorCode.Capacity or ErrorCode.Timeout => ExitCodes.ServerUnavailable,
        _ => ExitCodes.InternalError,
    };

    private static string Message(FastFlowServerException exception, ServerAddress server, RequestContext context, Validation.Diagnostic[] findings)
    {
        var text = exception.Message.TrimEnd('.');
        if (exception.Code == ErrorCode.InvalidDefinition && context.File is { } file)
        {
            var counts = new FileReport(file, false, findings).Counts();
            return $"the server at {server.Display} refused {file}: it is not valid ({(counts.Length > 0 ? counts : text)}); nothing ran";
        }

        if (exception.Code == ErrorCode.Refused && findings.Length > 0)
        {
            // Every refused task is printed above with its line and hint; the summary only counts them.
            var what = context.File ?? "the definition";
            var counts = context.File is { } refusedFile ? new FileReport(refusedFile, false, findings).Counts() : $"{findings.Length} findings";
            return $"the server at {server.Display} refused {what}: it uses actions this server does not allow ({counts}); nothing ran";
        }

        return $"the server at {server.Display} refused the request ({exception.Name}): {text}";
    }

    private static string? Hint(ErrorCode code, ServerAddress server, RequestContext context) => code switch
    {
        ErrorCode.InvalidDefinition => context.File is { } file
            ? $"fix the problems above; `fastflow validate {file}` checks it on this machine"
            : "fix the definition's problems above",
        ErrorCode.NotFound => context.RunId is { } run
            ? $"`fastflow list{server.Option}` lists the server's runs; is '{run}' the run id that `fastflow submit` printed?"
            : $"`fastflow list{server.Option}` lists the server's runs",
        ErrorCode.InvalidState => context.RunId is { } run
            ? $"`fastflow status {run}{server.Option}` shows where the run stands"
            : null,
        ErrorCode.Refused =>
            "the server refuses this action unless it allows it: start it with `fastflow serve --allow-program PROGRAM` " +
            "(exec, once per program) or `--file-root DIR` (file_operation)",
        ErrorCode.NotDurable => "the server keeps runs in memory (`fastflow serve --in-memory`); start it with a data directory for this",
        ErrorCode.AlreadyExists => "choose another run id",
        ErrorCode.Capacity => "the server is at capacity; try again when runs have finished",
        ErrorCode.Internal => "this is a bug in the server; its log says more",
        _ => null,
    };
}
