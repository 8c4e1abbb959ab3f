using System.Text;
using FastFlow.Validation;

namespace FastFlow.Cli.Output;

/// <summary>Writes diagnostics as <see cref="Diagnostic.ToString"/> does (<c>file:line:col: error
/// FFxxxx: message [path]</c>, the hint, the expression with a caret), colored on a terminal.</summary>
internal sealed class DiagnosticPrinter
{
    private readonly TextWriter _writer;
    private readonly Ansi _ansi;
    private readonly bool _color;

    public DiagnosticPrinter(TextWriter writer, bool color)
    {
        _writer = writer;
        _color = color;
        _ansi = new Ansi(color);
    }

    public static DiagnosticPrinter ForStandardOutput() => new(Console.Out, Terminal.ColorOnStandardOutput);

    public static DiagnosticPrinter ForStandardError() => new(Console.Error, Terminal.ColorOnStandardError);

    public TextWriter Writer => _writer;

    public Ansi Ansi => _ansi;

    /// <summary>Writes each of <paramref name="diagnostics"/> (the warnings shown before a run starts, say).</summary>
    public void WriteAll(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Write(diagnostic);
        }
    }

    public void Write(Diagnostic diagnostic)
    {
        if (!_color)
        {
            // The library's format exactly: tools and tests match on it.
            _writer.WriteLine(diagnostic.ToString());
            return;
        }

        var text = new StringBuilder();
        var location = Location(diagnostic);
        if (location.Length > 0)
        {
            text.Append(_ansi.Bold(location)).Append(": ");
        }

        text.Append(diagnostic.IsError ? _ansi.Red("error") : _ansi.Yellow("warning"))
            .Append(' ').Append(_ansi.Dim(diagnostic.Code)).Append(": ").Append(diagnostic.Message);
        if (diagnostic.Path.Length > 0)
        {
            text.Append(' ').Append(_ansi.Dim($"[{diagnostic.Path}]"));
        }

        if (diagnostic.Hint is not null)
        {
            text.AppendLine().Append("  ").Append(_ansi.Cyan("hint:")).Append(' ').Append(diagnostic.Hint);
        }

        if (diagnostic.Expression is not null && diagnostic.ExpressionColumn > 0)
        {
            text.AppendLine().Append("    ").Append(diagnostic.Expression);
            text.AppendLine().Append("    ").Append(' ', diagnostic.ExpressionColumn - 1).Append(_ansi.Green("^"));
        }

        _writer.WriteLine(text.ToString());
    }

    /// <summary>An error that is not about a place in a file: <c>fastflow run: error: message</c> and its hint.</summary>
    public void WriteError(string message, string? hint, string prefix = "fastflow")
    {
        _writer.WriteLine($"{prefix}: {_ansi.Red("error")}: {message}");
        if (hint is not null)
        {
            // Several hints come one per line; they line up under the first.
            _writer.WriteLine($"  {_ansi.Cyan("hint:")} {hint.Replace("\n", Environment.NewLine + "        ", StringComparison.Ordinal)}");
        }
    }

    /// <summary>Something the user should know that did not stop the command: <c>fastflow: warning: message</c> and its hint.</summary>
    public void WriteWarning(string message, string? hint)
    {
        _writer.WriteLine($"fastflow: {_ansi.Yellow("warning")}: {message}");
        if (hint is not null)
        {
            _writer.WriteLine($"  {_ansi.Cyan("hint:")} {hint}");
        }
    }

    private static string Location(Diagnostic diagnostic)
    {
        if (diagnostic.File is not null)
        {
            return diagnostic.Line > 0 ? $"{diagnostic.File}:{diagnostic.Line}:{diagnostic.Column}" : diagnostic.File;
        }

        return diagnostic.Line > 0 ? $"{diagnostic.Line}:{diagnostic.Column}" : string.Empty;
    }
}
