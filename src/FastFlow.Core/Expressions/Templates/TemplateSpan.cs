namespace FastFlow.Expressions.Templates;

/// <summary>One piece of a template: literal text, or an expression between <c>${{</c> and <c>}}</c>.</summary>
/// <param name="Literal">The literal text (escapes resolved); null for an expression.</param>
/// <param name="Open">Offset of the <c>${{</c> of an expression.</param>
/// <param name="Start">Offset of an expression's first character (after <c>${{</c>).</param>
/// <param name="End">Offset of the <c>}}</c> that closes an expression.</param>
internal readonly record struct TemplateSpan(string? Literal, int Open, int Start, int End)
{
    /// <summary>True for an expression.</summary>
    public bool IsExpression => Literal is null;
}
