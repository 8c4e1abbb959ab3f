using FastFlow.Definitions;
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
/// <see cref="DiagnosticCodes.UnknownReference"/>. docs/expressions.md describes the language.
/// The validator compiles a whole definition through one <see cref="ExpressionCompilation"/>,
/// which shares names, buffers and identical texts between its expressions.</remarks>
public static class ExpressionCompiler
{
    /// <summary>Compiles an expression. A text that is one <c>${{ expr }}</c> compiles as
    /// <c>expr</c>, so <c>when: "${{ inputs.n > 0 }}"</c> means <c>when: "inputs.n > 0"</c>.</summary>
    public static CompiledExpression? Compile(string text, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        CheckArguments(text, scope, path, diagnostics);
        return new ExpressionCompilation(scope, diagnostics).Compile(text, new DeferredPath(path));
    }

    /// <summary>Compiles a template: a string with any number of <c>${{ expr }}</c> parts.</summary>
    public static CompiledTemplate? CompileTemplate(string text, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        CheckArguments(text, scope, path, diagnostics);
        return new ExpressionCompilation(scope, diagnostics).CompileTemplate(text, new DeferredPath(path));
    }

    /// <summary>Compiles a parameter tree: every string in it (at any depth) is compiled as a
    /// template. Problems are reported at <c>path.key</c> and <c>path[i]</c>, a key that is not
    /// a plain name in brackets (<c>path["a b"]</c>), as the loader records them. Values that are
    /// not plain data are normalized first (see <see cref="Data.PlainData.Normalize"/>); subtrees
    /// without templates are used as they are, not copied.</summary>
    public static CompiledValue? CompileValue(object? raw, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        CheckArguments(string.Empty, scope, path, diagnostics);
        return new ExpressionCompilation(scope, diagnostics).CompileValue(raw, new DeferredPath(path));
    }

    /// <summary>True when the text contains <c>${{</c> (a template part or an escaped
    /// <c>$${{</c>), so it must be compiled as a template rather than used as it is.</summary>
    public static bool ContainsTemplate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains(TemplateScanner.Open, StringComparison.Ordinal);
    }

    private static void CheckArguments(object? value, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
    }
}
