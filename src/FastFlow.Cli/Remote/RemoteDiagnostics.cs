using FastFlow.Validation;
using WireDiagnostic = FastFlow.Protocol.Messages.Diagnostic;

namespace FastFlow.Cli.Remote;

/// <summary>The findings a server sends with <c>invalid_definition</c> (and warnings with a
/// registered definition) as the validator's own, so they print exactly as <c>validate</c> prints them.</summary>
internal static class RemoteDiagnostics
{
    /// <param name="findings">The server's findings.</param>
    /// <param name="file">The file the definition was read from, as the user named it; null when none.</param>
    public static Diagnostic[] From(IReadOnlyList<WireDiagnostic> findings, string? file) =>
    [
        .. findings.Select(finding => new Diagnostic
        {
            Code = finding.Code,
            Severity = finding.Severity is "warning" or "info" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
            Message = finding.Message,
            Hint = finding.Hint,
            Path = finding.Path,
            File = file,
            Line = finding.Line,
            Column = finding.Column,
        }),
    ];
}
