using System.Text;
using FastFlow.Definitions;

namespace FastFlow.Validation;

/// <summary>One problem found in a definition, an inputs file, an agents file or arguments:
/// where (file, line, column, JSON path), what (a stable <c>FFxxxx</c> code and a message) and how
/// to fix it (a hint).</summary>
public sealed record Diagnostic
{
    /// <summary>A stable code from <see cref="DiagnosticCodes"/>.</summary>
    public required string Code { get; init; }

    /// <summary>Error or warning; errors stop a definition from running.</summary>
    public DiagnosticSeverity Severity { get; init; } = DiagnosticSeverity.Error;

    /// <summary>What is wrong, in one sentence.</summary>
    public required string Message { get; init; }

    /// <summary>How to fix it ("did you mean 'extract'?"); may be null.</summary>
    public string? Hint { get; init; }

    /// <summary>The JSON path of the offending place, e.g. <c>tasks.load.dependencies[1]</c>; empty for the document.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The file, when the input came from one.</summary>
    public string? File { get; init; }

    /// <summary>1-based line; 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column; 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>For expression and template errors: the expression text.</summary>
    public string? Expression { get; init; }

    /// <summary>For expression and template errors: the 1-based column inside <see cref="Expression"/>.</summary>
    public int ExpressionColumn { get; init; }

    /// <summary>True for errors.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>This diagnostic with its position looked up in a source map.</summary>
    public Diagnostic Locate(SourceMap? source)
    {
        if (source is null || Line > 0)
        {
            return File is null && source?.File is not null ? this with { File = source.File } : this;
        }

        var position = source.Find(Path);
        return this with { File = File ?? source.File, Line = position.Line, Column = position.Column };
    }

    /// <summary>The diagnostic as one or more lines of text:
    /// <c>file:line:col: error FF1010: message [path] (hint)</c>, then the expression with a caret.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (File is not null)
        {
            text.Append(File);
            if (Line > 0)
            {
                text.Append(':').Append(Line).Append(':').Append(Column);
            }

            text.Append(": ");
        }
        else if (Line > 0)
        {
            text.Append(Line).Append(':').Append(Column).Append(": ");
        }

        text.Append(Severity == DiagnosticSeverity.Error ? "error " : "warning ").Append(Code).Append(": ").Append(Message);
        if (Path.Length > 0)
        {
            text.Append(" [").Append(Path).Append(']');
        }

        if (Hint is not null)
        {
            text.AppendLine().Append("  hint: ").Append(Hint);
        }

        if (Expression is not null && ExpressionColumn > 0)
        {
            text.AppendLine().Append("    ").Append(Expression);
            text.AppendLine().Append("    ").Append(' ', ExpressionColumn - 1).Append('^');
        }

        return text.ToString();
    }
}

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity : byte
{
    /// <summary>The definition cannot run.</summary>
    Error = 0,
    /// <summary>Probably a mistake, but the definition can run.</summary>
    Warning = 1,
}
