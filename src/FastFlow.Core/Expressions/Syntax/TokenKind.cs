namespace FastFlow.Expressions.Syntax;

/// <summary>The kinds of token of the expression language.</summary>
internal enum TokenKind : byte
{
    /// <summary>The end of the text.</summary>
    End,
    /// <summary>Text the lexer cannot read; the token's text is the message.</summary>
    Error,
    /// <summary>A whole number that fits in a long.</summary>
    Integer,
    /// <summary>A number with a fraction or an exponent, or too big for a long.</summary>
    Number,
    /// <summary>A quoted string; the token's text is its value.</summary>
    String,
    /// <summary>A name; also a task id read after <c>tasks.</c>.</summary>
    Identifier,
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>[</c></summary>
    LeftBracket,
    /// <summary><c>]</c></summary>
    RightBracket,
    /// <summary><c>.</c></summary>
    Dot,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>==</c></summary>
    EqualEqual,
    /// <summary><c>!=</c></summary>
    BangEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterEqual,
    /// <summary><c>&amp;&amp;</c> or <c>and</c></summary>
    And,
    /// <summary><c>||</c> or <c>or</c></summary>
    Or,
    /// <summary><c>!</c> or <c>not</c></summary>
    Not,
    /// <summary><c>in</c></summary>
    In,
    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>%</c></summary>
    Percent,
    /// <summary><c>true</c></summary>
    True,
    /// <summary><c>false</c></summary>
    False,
    /// <summary><c>null</c></summary>
    Null,
}
