using FastFlow.Expressions.Syntax;
using FastFlow.Expressions.Templates;
using FastFlow.Validation;

namespace FastFlow.Expressions;

/// <summary>
/// Compiles expressions (<c>when</c>, conditions), templates (strings with <c>${{ }}</c>) and
/// parameter trees, checking every name against an <see cref="ExpressionScope"/>. Each method
/// returns null when it found errors, after adding a <see cref="Diagnostic"/> for each to
/// <c>diagnostics</c> with the given path, the text and the exact 1-based column inside it.
/// </summary>
/// <remarks>Codes: <see cref="DiagnosticCodes.ExpressionSyntax"/>,
/// <see cref="DiagnosticCodes.TemplateSyntax"/>, <see cref="DiagnosticCodes.UnknownTaskReference"/>,
/// <see cref="DiagnosticCodes.UndeclaredInput"/>, <see cref="DiagnosticCodes.UnknownFunction"/>,
/// <see cref="DiagnosticCodes.UnknownReference"/>. docs/expressions.md describes the language.</remarks>
public static partial class ExpressionCompiler
{
    /// <summary>Compiles an expression. A text that is one <c>${{ expr }}</c> compiles as
    /// <c>expr</c>, so <c>when: "${{ inputs.n > 0 }}"</c> means <c>when: "inputs.n > 0"</c>.</summary>
    public static CompiledExpression? Compile(string text, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        CheckArguments(text, scope, path, diagnostics);
        var start = 0;
        var end = text.Length;
        if (text.AsSpan().TrimStart().StartsWith(TemplateScanner.Open, StringComparison.Ordinal))
        {
            var spans = new List<TemplateSpan>();
            if (!TemplateScanner.TryScan(text, spans, out var errorPosition, out var error, out var hint))
            {
                diagnostics.Add(TemplateError(text, path, errorPosition, error!, hint));
                return null;
            }

            if (TrySingleExpression(spans, out var single))
            {
                (start, end) = (single.Start, single.End);
            }
        }

        var parser = new Parser(text, start, end, scope, path, diagnostics);
        var root = parser.Parse();
        return root is null ? null : new CompiledExpression(text, 0, root, [.. parser.ReferencedTasks], !parser.HasReferences);
    }

    /// <summary>Compiles a template: a string with any number of <c>${{ expr }}</c> parts.</summary>
    public static CompiledTemplate? CompileTemplate(string text, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        CheckArguments(text, scope, path, diagnostics);
        var spans = new List<TemplateSpan>();
        if (!TemplateScanner.TryScan(text, spans, out var errorPosition, out var error, out var hint))
        {
            diagnostics.Add(TemplateError(text, path, errorPosition, error!, hint));
            return null;
        }

        var failed = false;
        var segments = new TemplateSegment[spans.Count];
        var tasks = new List<int>();
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (!span.IsExpression)
            {
                segments[i] = new TemplateSegment(span.Literal, null);
                continue;
            }

            var expression = CompilePart(text, span, scope, path, diagnostics);
            if (expression is null)
            {
                failed = true;
                continue;
            }

            AddDistinct(tasks, expression.ReferencedTasks);
            segments[i] = new TemplateSegment(null, expression);
        }

        return failed ? null : new CompiledTemplate(text, segments, [.. tasks]);
    }

    /// <summary>True when the text contains <c>${{</c> (a template part or an escaped
    /// <c>$${{</c>), so it must be compiled as a template rather than used as it is.</summary>
    public static bool ContainsTemplate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains(TemplateScanner.Open, StringComparison.Ordinal);
    }

    private static CompiledExpression? CompilePart(string text, in TemplateSpan span, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        var inner = text.AsSpan(span.Start, span.End - span.Start);
        if (inner.IsWhiteSpace())
        {
            diagnostics.Add(TemplateError(text, path, span.Open, $"'${{{{ }}}}' at column {span.Open + 1} is empty", "put an expression inside, such as ${{ inputs.name }}"));
            return null;
        }

        var parser = new Parser(text, span.Start, span.End, scope, path, diagnostics);
        var root = parser.Parse();
        if (root is null)
        {
            return null;
        }

        var leading = inner.Length - inner.TrimStart().Length;
        var trimmed = inner.Trim();
        return new CompiledExpression(trimmed.ToString(), span.Start + leading, root, [.. parser.ReferencedTasks], !parser.HasReferences);
    }

    /// <summary>True when the spans are one expression with nothing but whitespace around it.</summary>
    private static bool TrySingleExpression(List<TemplateSpan> spans, out TemplateSpan single)
    {
        single = default;
        var found = false;
        foreach (var span in spans)
        {
            if (span.IsExpression)
            {
                if (found)
                {
                    return false;
                }

                single = span;
                found = true;
            }
            else if (!string.IsNullOrWhiteSpace(span.Literal))
            {
                return false;
            }
        }

        return found;
    }

    private static Diagnostic TemplateError(string text, string path, int position, string message, string? hint) => new()
    {
        Code = DiagnosticCodes.TemplateSyntax,
        Message = message,
        Hint = hint,
        Path = path,
        Expression = text,
        ExpressionColumn = position + 1,
    };

    private static void AddDistinct(List<int> tasks, IReadOnlyList<int> more)
    {
        foreach (var task in more)
        {
            if (!tasks.Contains(task))
            {
                tasks.Add(task);
            }
        }
    }

    private static void CheckArguments(object? value, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
    }
}
