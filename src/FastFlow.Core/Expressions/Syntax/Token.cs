namespace FastFlow.Expressions.Syntax;

/// <summary>One token: its kind, where it stands (0-based offsets into the parsed text, end
/// exclusive) and its value. A name's text is not copied out: read it with
/// <see cref="Lexer.Span"/>.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of its first character.</param>
/// <param name="End">Offset just after its last character.</param>
/// <param name="Text">The value of a string, the message of an error; null otherwise.</param>
/// <param name="Integer">The value of an integer.</param>
/// <param name="Number">The value of a number.</param>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string? Text = null, long Integer = 0, double Number = 0);
