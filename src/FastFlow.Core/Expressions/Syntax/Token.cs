namespace FastFlow.Expressions.Syntax;

/// <summary>One token: its kind, where it stands (0-based offsets into the parsed text, end
/// exclusive) and the bits of a number. It holds no reference, so that moving it costs no write
/// barrier: a name's text is read with <see cref="Lexer.Span"/>, the value of a string and the
/// message of an error with <see cref="Lexer.Text"/> while the token is the last one read.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of its first character.</param>
/// <param name="End">Offset just after its last character.</param>
/// <param name="Bits">The value of an integer, or the bits of a number.</param>
internal readonly record struct Token(TokenKind Kind, int Start, int End, long Bits = 0)
{
    /// <summary>The value of an integer.</summary>
    public long Integer => Bits;

    /// <summary>The value of a number.</summary>
    public double Number => BitConverter.Int64BitsToDouble(Bits);
}
