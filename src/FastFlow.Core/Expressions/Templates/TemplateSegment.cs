namespace FastFlow.Expressions.Templates;

/// <summary>One compiled piece of a template: literal text or an expression.</summary>
/// <param name="Literal">The text of a literal piece; null for an expression.</param>
/// <param name="Expression">The expression of an expression piece; null for literal text.</param>
internal readonly record struct TemplateSegment(string? Literal, CompiledExpression? Expression);
