using System.Globalization;
using System.Text;

namespace FastFlow.Expressions.Syntax;

/// <summary>
/// Reads tokens on demand from a range of a text. The parser chooses the mode for each token:
/// after <c>tasks.</c> a task id (<c>[A-Za-z0-9_-]+</c>, so <c>my-task</c> is one id and not a
/// subtraction), after any other dot a plain name (keywords included: <c>inputs.in</c>).
/// </summary>
internal sealed class Lexer(string text, int end)
{
    /// <summary>The next token from <paramref name="position"/>, in the general mode.</summary>
    public Token Next(int position)
    {
        position = SkipSpace(position);
        if (position >= end)
        {
            return new Token(TokenKind.End, end, end);
        }

        var c = text[position];
        if (IsNameStart(c))
        {
            return Keyword(position, ReadWhile(position, IsNamePart));
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
        if (position >= end || !IsNameStart(text[position]))
        {
            return Error(position, "expected a name after '.'");
        }

        var stop = ReadWhile(position, IsNamePart);
        return new Token(TokenKind.Identifier, position, stop, text[position..stop]);
    }

    /// <summary>A task id after <c>tasks.</c>. An error token when none follows.</summary>
    public Token NextTaskId(int position)
    {
        position = SkipSpace(position);
        if (position >= end || !IsTaskIdPart(text[position]))
        {
            return Error(position, "expected a task id after 'tasks.'");
        }

        var stop = ReadWhile(position, IsTaskIdPart);
        return new Token(TokenKind.Identifier, position, stop, text[position..stop]);
    }

    /// <summary>The text of a token as written.</summary>
    public string Slice(in Token token) => text[token.Start..token.End];

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsTaskIdPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private int SkipSpace(int position)
    {
        while (position < end && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private int ReadWhile(int position, Func<char, bool> accept)
    {
        while (position < end && accept(text[position]))
        {
            position++;
        }

        return position;
    }

    private Token Keyword(int start, int stop)
    {
        var name = text[start..stop];
        var kind = name switch
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
        return new Token(kind, start, stop, name);
    }

    private Token ReadNumber(int start)
    {
        var position = ReadWhile(start, char.IsAsciiDigit);
        var integral = true;
        if (position < end && text[position] == '.')
        {
            integral = false;
            var digits = ReadWhile(position + 1, char.IsAsciiDigit);
            if (digits == position + 1)
            {
                return Error(position + 1, "expected a digit after the decimal point");
            }

            position = digits;
        }

        if (position < end && text[position] is 'e' or 'E')
        {
            integral = false;
            var exponent = position + 1;
            if (exponent < end && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            var digits = ReadWhile(exponent, char.IsAsciiDigit);
            if (digits == exponent)
            {
                return Error(exponent, "expected a digit in the exponent");
            }

            position = digits;
        }

        var span = text.AsSpan(start, position - start);
        if (integral && long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            return new Token(TokenKind.Integer, start, position, Integer: integer);
        }

        // Too big for a long, or written as a decimal: a double, as JSON reading does.
        var number = double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new Token(TokenKind.Number, start, position, Number: number);
    }

    private Token ReadString(int start)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var position = start + 1;
        while (position < end)
        {
            var c = text[position];
            if (c == quote)
            {
                return new Token(TokenKind.String, start, position + 1, value.ToString());
            }

            if (c != '\\')
            {
                value.Append(c);
                position++;
                continue;
            }

            if (position + 1 >= end)
            {
                break;
            }

            var escaped = text[position + 1];
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
                    if (position + 6 > end || !ushort.TryParse(text.AsSpan(position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return Error(position, "'\\u' needs four hexadecimal digits");
                    }

                    value.Append((char)code);
                    position += 6;
                    continue;
                default:
                    return Error(position, $"unknown escape '\\{Printable(position + 1)}'; known: \\\\ \\' \\\" \\n \\r \\t \\b \\f \\0 \\/ \\uXXXX");
            }

            position += 2;
        }

        return Error(start, $"unterminated string: the closing {quote} is missing");
    }

    private static Token Single(TokenKind kind, int position) => new(kind, position, position + 1);

    private Token Pair(int position, char second, TokenKind kind, string error) =>
        position + 1 < end && text[position + 1] == second ? new Token(kind, position, position + 2) : Error(position, error);

    private Token Optional(int position, char second, TokenKind pair, TokenKind single) =>
        position + 1 < end && text[position + 1] == second ? new Token(pair, position, position + 2) : Single(single, position);

    private static Token Error(int position, string message) => new(TokenKind.Error, position, position, message);

    private string Printable(int position) =>
        char.IsSurrogate(text[position]) || char.IsControl(text[position])
            ? $"\\u{(int)text[position]:X4}"
            : text[position].ToString();
}
