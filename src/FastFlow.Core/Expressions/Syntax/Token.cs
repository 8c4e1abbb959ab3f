namespace FastFlow.Expressions.Syntax;

/// <summary>One token: its kind, where it stands (0-based offsets into the parsed text, end
/// exclusive) and its value.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of its first character.</param>
/// <param name="End">Offset just after its last character.</param>
/// <param name="Text">The name of an identifier, the value of a string, the message of an error.</param>
/// <param name="Integer">The value of an integer.</param>
/// <param name="Number">The value of a number.</param>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string? Text = null, long Integer = 0, double Number = 0);
