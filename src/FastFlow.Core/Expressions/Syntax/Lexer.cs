using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace FastFlow.Expressions.Syntax;

/// <summary>
/// Reads tokens on demand from a range of a text. The parser chooses the mode for each token:
/// after <c>tasks.</c> a task id (<c>[A-Za-z0-9_-]+</c>, so <c>my-task</c> is one id and not a
/// subtraction), after any other dot a plain name (keywords included: <c>inputs.in</c>). Names
/// are not copied out of the text (the parser reads them as spans); string literals without
/// escapes come from the <see cref="NameTable"/>. Reused for every expression of a compilation.
/// </summary>
internal sealed class Lexer(NameTable names)
{
    /// <summary>Integers with at most this many digits are read without a check for overflow.</summary>
    private const int MaxSafeDigits = 18;

    private string _text = string.Empty;
    /// <summary>Where the range being read ends in <see cref="_text"/>.</summary>
    private int _end;

    /// <summary>The value of the last token read when it is a string, its message when it is an error.</summary>
    public string? Text { get; private set; }

    /// <summary>Reads <c>text[..end]</c> from now on.</summary>
    public void Reset(string text, int end)
    {
        _text = text;
        _end = end;
    }

    /// <summary>The next token from <paramref name="position"/>, in the general mode.</summary>
    public Token Next(int position)
    {
        position = SkipSpace(position);
        if (position >= _end)
        {
            return new Token(TokenKind.End, _end, _end);
        }

        var c = _text[position];
        if (IsNameStart(c))
        {
            return Keyword(position, ReadName(position));
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber(position);
        }

        return c switch
        {
            '\'' or '"' => ReadString(position),
            '(' => Single(TokenKind.LeftParen, position),
            ')' => Single(TokenKind.RightParen, position),
            '[' => Single(TokenKind.LeftBracket, position),
            ']' => Single(TokenKind.RightBracket, position),
            '.' => Single(TokenKind.Dot, position),
            ',' => Single(TokenKind.Comma, position),
            '+' => Single(TokenKind.Plus, position),
            '-' => Single(TokenKind.Minus, position),
            '*' => Single(TokenKind.Star, position),
            '/' => Single(TokenKind.Slash, position),
            '%' => Single(TokenKind.Percent, position),
            '=' => Pair(position, '=', TokenKind.EqualEqual, "'=' is not an operator; compare with '=='"),
            '!' => Optional(position, '=', TokenKind.BangEqual, TokenKind.Not),
            '<' => Optional(position, '=', TokenKind.LessEqual, TokenKind.Less),
            '>' => Optional(position, '=', TokenKind.GreaterEqual, TokenKind.Greater),
            '&' => Pair(position, '&', TokenKind.And, "'&' is not an operator; write '&&' or 'and'"),
            '|' => Pair(position, '|', TokenKind.Or, "'|' is not an operator; write '||' or 'or'"),
            _ => Error(position, $"unexpected character '{Printable(position)}'"),
        };
    }

    /// <summary>A name after a dot: keywords are names here. An error token when none follows.</summary>
    public Token NextName(int position)
    {
        position = SkipSpace(position);
        if (position >= _end || !IsNameStart(_text[position]))
        {
            return Error(position, "expected a name after '.'");
        }

        return new Token(TokenKind.Identifier, position, ReadName(position));
    }

    /// <summary>A task id after <c>tasks.</c>. An error token when none follows.</summary>
    public Token NextTaskId(int position)
    {
        position = SkipSpace(position);
        if (position >= _end || !IsTaskIdPart(_text[position]))
        {
            return Error(position, "expected a task id after 'tasks.'");
        }

        var stop = position + 1;
        while (stop < _end && IsTaskIdPart(_text[stop]))
        {
            stop++;
        }

        return new Token(TokenKind.Identifier, position, stop);
    }

    /// <summary>The text of a token as written.</summary>
    public string Slice(in Token token) => _text[token.Start..token.End];

    /// <summary>The text of a token as written, not copied.</summary>
    public ReadOnlySpan<char> Span(in Token token) => _text.AsSpan(token.Start, token.End - token.Start);

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsTaskIdPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private int SkipSpace(int position)
    {
        while (position < _end && char.IsWhiteSpace(_text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>The end of the name that starts at <paramref name="position"/>.</summary>
    private int ReadName(int position)
    {
        position++;
        while (position < _end && IsNamePart(_text[position]))
        {
            position++;
        }

        return position;
    }

    private int ReadDigits(int position)
    {
        while (position < _end && char.IsAsciiDigit(_text[position]))
        {
            position++;
        }

        return position;
    }

    private Token Keyword(int start, int stop)
    {
        // Keywords are two to five letters long and start with one of a, o, n, i, t or f.
        if (stop - start is < 2 or > 5 || _text[start] is not ('a' or 'o' or 'n' or 'i' or 't' or 'f'))
        {
            return new Token(TokenKind.Identifier, start, stop);
        }

        var kind = _text.AsSpan(start, stop - start) switch
        {
            "and" => TokenKind.And,
            "or" => TokenKind.Or,
            "not" => TokenKind.Not,
            "in" => TokenKind.In,
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            _ => TokenKind.Identifier,
        };
        return new Token(kind, start, stop);
    }

    private Token ReadNumber(int start)
    {
        var position = ReadDigits(start);
        var integral = true;
        if (position < _end && _text[position] == '.')
        {
            integral = false;
            var digits = ReadDigits(position + 1);
            if (digits == position + 1)
            {
                return Error(position + 1, "expected a digit after the decimal point");
            }

            position = digits;
        }

        if (position < _end && _text[position] is 'e' or 'E')
        {
            integral = false;
            var exponent = position + 1;
            if (exponent < _end && _text[exponent] is '+' or '-')
            {
                exponent++;
            }

            var digits = ReadDigits(exponent);
            if (digits == exponent)
            {
                return Error(exponent, "expected a digit in the exponent");
            }

            position = digits;
        }

        var span = _text.AsSpan(start, position - start);
        if (integral && span.Length <= MaxSafeDigits)
        {
            // Up to 18 digits always fit in a long.
            var value = 0L;
            foreach (var digit in span)
            {
                value = (value * 10) + (digit - '0');
            }

            return new Token(TokenKind.Integer, start, position, value);
        }

        if (integral && long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            return new Token(TokenKind.Integer, start, position, integer);
        }

        // Too big for a long, or written as a decimal: a double, as JSON reading does.
        var number = double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new Token(TokenKind.Number, start, position, BitConverter.DoubleToInt64Bits(number));
    }

    private Token ReadString(int start)
    {
        var quote = _text[start];
        var content = _text.AsSpan(start + 1, _end - start - 1);
        var stop = content.IndexOfAny(quote, '\\');
        if (stop >= 0 && content[stop] == quote)
        {
            Text = names.Get(content[..stop]);
            return new Token(TokenKind.String, start, start + stop + 2);
        }

        return ReadEscapedString(start);
    }

    /// <summary>A string with escapes, or one not closed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Token ReadEscapedString(int start)
    {
        var quote = _text[start];
        var value = new StringBuilder();
        var position = start + 1;
        while (position < _end)
        {
            var c = _text[position];
            if (c == quote)
            {
                Text = value.ToString();
                return new Token(TokenKind.String, start, position + 1);
            }

            if (c != '\\')
            {
                value.Append(c);
                position++;
                continue;
            }

            if (position + 1 >= _end)
            {
                break;
            }

            var escaped = _text[position + 1];
            switch (escaped)
            {
                case '\\' or '\'' or '"' or '/':
                    value.Append(escaped);
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'b':
                    value.Append('\b');
                    break;
                case 'f':
                    value.Append('\f');
                    break;
                case '0':
                    value.Append('\0');
                    break;
                case 'u':
                    if (position + 6 > _end || !ushort.TryParse(_text.AsSpan(position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return Error(position, "'\\u' needs four hexadecimal digits");
                    }

                    value.Append((char)code);
                    position += 6;
                    continue;
                default:
                    return Error(position, $"unknown escape '\\{Printable(position + 1)}'; known: \\\\ \\' \\\" \\n \\r \\t \\b \\f \\0 \\/ and \\u with four hexadecimal digits (\\u00e9 is é)");
            }

            position += 2;
        }

        return Error(start, $"unterminated string: the closing {quote} is missing");
    }

    private static Token Single(TokenKind kind, int position) => new(kind, position, position + 1);

    private Token Pair(int position, char second, TokenKind kind, string error) =>
        position + 1 < _end && _text[position + 1] == second ? new Token(kind, position, position + 2) : Error(position, error);

    private Token Optional(int position, char second, TokenKind pair, TokenKind single) =>
        position + 1 < _end && _text[position + 1] == second ? new Token(pair, position, position + 2) : Single(single, position);

    private Token Error(int position, string message)
    {
        Text = message;
        return new Token(TokenKind.Error, position, position);
    }

    private string Printable(int position) =>
        char.IsSurrogate(_text[position]) || char.IsControl(_text[position])
            ? $"\\u{(int)_text[position]:X4}"
            : _text[position].ToString();
}
