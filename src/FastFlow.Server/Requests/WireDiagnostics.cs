using FastFlow.Validation;
using WireDiagnostic = FastFlow.Protocol.Messages.Diagnostic;

namespace FastFlow.Server.Requests;

/// <summary>The engine's diagnostics as the protocol carries them.</summary>
internal static class WireDiagnostics
{
    /// <summary>Every diagnostic, in order.</summary>
    public static WireDiagnostic[] From(IEnumerable<Diagnostic> diagnostics) => [.. diagnostics.Select(From)];

    /// <summary>One diagnostic: code, severity, path, message, hint, line and column.</summary>
    public static WireDiagnostic From(Diagnostic diagnostic) => new()
    {
        Code = diagnostic.Code,
        Severity = diagnostic.IsError ? "error" : "warning",
        Path = diagnostic.Path,
        Message = diagnostic.Message,
        Hint = diagnostic.Hint,
        Line = diagnostic.Line,
        Column = diagnostic.Column,
    };

    /// <summary>A finding about one field of a request (not of a definition): no line or column.</summary>
    public static WireDiagnostic Field(string path, string message, string? hint = null) => new()
    {
        Code = DiagnosticCodes.InvalidValue,
        Severity = "error",
        Path = path,
        Message = message,
        Hint = hint,
    };
}
