using System.Globalization;
using FastFlow.Expressions.Evaluation;
using FastFlow.Expressions.Nodes;

namespace FastFlow.Expressions.Syntax;

internal sealed partial class Parser
{
    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (_token.Kind == TokenKind.Or)
        {
            var position = _token.Start;
            Advance();
            left = new OrNode(left, ParseAnd(), position);
        }

        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseNot();
        while (_token.Kind == TokenKind.And)
        {
            var position = _token.Start;
            Advance();
            left = new AndNode(left, ParseNot(), position);
        }

        return left;
    }

    /// <summary><c>!</c> and <c>not</c> take the whole comparison after them: <c>!a == b</c> is
    /// <c>!(a == b)</c>, as <c>not a == b</c> reads.</summary>
    private ExpressionNode ParseNot()
    {
        if (_token.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var position = _token.Start;
        Advance();
        return new NotNode(ParseNot(), position);
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseAdditive();
        var op = _token;
        ExpressionNode result;
        switch (op.Kind)
        {
            case TokenKind.EqualEqual or TokenKind.BangEqual:
                Advance();
                var negate = op.Kind == TokenKind.BangEqual;
                if (TryTakeLiteral(out var literal))
                {
                    result = new ConstantEqualityNode(left, literal, negate, op.Start);
                    break;
                }

                var other = ParseAdditive();
                result = other is ConstantNode constantOther
                    ? new ConstantEqualityNode(left, constantOther.Value, negate, op.Start)
                    : new EqualityNode(left, other, negate, op.Start);
                break;
            case TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual:
                Advance();
                var comparison = op.Kind switch
                {
                    TokenKind.Less => ComparisonOperator.Less,
                    TokenKind.LessEqual => ComparisonOperator.LessOrEqual,
                    TokenKind.Greater => ComparisonOperator.Greater,
                    _ => ComparisonOperator.GreaterOrEqual,
                };
                if (TryTakeLiteral(out var bound))
                {
                    result = new ConstantComparisonNode(left, bound, comparison, op.Start);
                    break;
                }

                var right = ParseAdditive();
                result = right is ConstantNode constant
                    ? new ConstantComparisonNode(left, constant.Value, comparison, op.Start)
                    : new ComparisonNode(left, right, comparison, op.Start);
                break;
            case TokenKind.In:
                Advance();
                result = new InNode(left, ParseAdditive(), negate: false, op.Start);
                break;
            case TokenKind.Not:
                Advance();
                if (_token.Kind != TokenKind.In)
                {
                    throw Syntax(_token.Start, $"expected 'in' after 'not' but found {Describe(_token)}", "write 'x not in list', or put 'not' before the condition");
                }

                Advance();
                result = new InNode(left, ParseAdditive(), negate: true, op.Start);
                break;
            default:
                return left;
        }

        if (IsComparison(_token.Kind))
        {
            throw Syntax(_token.Start, $"comparisons cannot be chained: {Describe(_token)} follows another comparison", "combine them with '&&': a < b && b < c");
        }

        return result;
    }

    /// <summary>Takes the current token when it is a literal that nothing after it extends (no
    /// operator, member or index follows), as its value: the operand of a comparison then needs
    /// no <see cref="ConstantNode"/>. Otherwise consumes nothing.</summary>
    private bool TryTakeLiteral(out Value value)
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                value = Value.FromInteger(token.Integer);
                break;
            case TokenKind.Number:
                value = Value.FromNumber(token.Number);
                break;
            case TokenKind.String:
                value = Value.FromString(_lexer.Text);
                break;
            case TokenKind.True or TokenKind.False:
                value = Value.FromBoolean(token.Kind == TokenKind.True);
                break;
            case TokenKind.Null:
                value = Value.Null;
                break;
            default:
                value = default;
                return false;
        }

        var next = _lexer.Next(token.End);
        if (next.Kind is TokenKind.Error or TokenKind.Dot or TokenKind.LeftBracket
            or TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            // The literal is part of a longer operand (or an error follows): read it again, as
            // the parser will, so that the lexer holds its value.
            _token = _lexer.Next(token.Start);
            value = default;
            return false;
        }

        _previous = token;
        _token = next;
        return true;
    }

    private static bool IsComparison(TokenKind kind) => kind is TokenKind.EqualEqual or TokenKind.BangEqual
        or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual
        or TokenKind.In or TokenKind.Not;

    private ExpressionNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_token.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _token;
            Advance();
            var right = ParseMultiplicative();
            left = new ArithmeticNode(left, right, op.Kind == TokenKind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, op.Start);
        }

        return left;
    }

    private ExpressionNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_token.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = _token;
            Advance();
            var right = ParseUnary();
            var kind = op.Kind switch
            {
                TokenKind.Star => ArithmeticOperator.Multiply,
                TokenKind.Slash => ArithmeticOperator.Divide,
                _ => ArithmeticOperator.Remainder,
            };
            left = new ArithmeticNode(left, right, kind, op.Start);
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (_token.Kind == TokenKind.Not)
        {
            // In operand position ('a == !b') the negation still takes a whole comparison.
            var notPosition = _token.Start;
            Advance();
            return new NotNode(ParseNot(), notPosition);
        }

        if (_token.Kind != TokenKind.Minus)
        {
            return ParsePostfix();
        }

        var position = _token.Start;
        Advance();
        if (_token.Kind is TokenKind.Integer or TokenKind.Number)
        {
            var number = _token;
            Advance();
            if (_token.Kind is TokenKind.Dot or TokenKind.LeftBracket)
            {
                // '-2[0]' indexes 2, then negates.
                var positive = number.Kind == TokenKind.Integer ? Value.FromInteger(number.Integer) : Value.FromNumber(number.Number);
                var target = new ConstantNode(positive, number.Start);
                return new NegateNode(new PathNode(PathRoot.Expression, null, -1, target, ParseSegments(), number.Start), position);
            }

            // A negative literal is a constant, and -9223372036854775808 fits although its digits alone do not.
            return NegativeLiteral(number, position);
        }

        return new NegateNode(ParseUnary(), position);
    }

    private ConstantNode NegativeLiteral(in Token number, int position)
    {
        // Digits that overflowed a long as a positive number may still fit as a negative one.
        var text = "-" + _lexer.Slice(number);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? new ConstantNode(Value.FromInteger(integer), position)
            : new ConstantNode(Value.FromNumber(number.Kind == TokenKind.Integer ? -(double)number.Integer : -number.Number), position);
    }

    private ExpressionNode ParsePostfix()
    {
        var primary = ParsePrimary();
        if (_token.Kind is not (TokenKind.Dot or TokenKind.LeftBracket))
        {
            return primary;
        }

        return new PathNode(PathRoot.Expression, null, -1, primary, ParseSegments(), primary.Position);
    }

    private ExpressionNode ParsePrimary()
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new ConstantNode(Value.FromInteger(token.Integer), token.Start);
            case TokenKind.Number:
                Advance();
                return new ConstantNode(Value.FromNumber(token.Number), token.Start);
            case TokenKind.String:
                var text = _lexer.Text;
                Advance();
                return new ConstantNode(Value.FromString(text), token.Start);
            case TokenKind.True or TokenKind.False:
                Advance();
                return new ConstantNode(Value.FromBoolean(token.Kind == TokenKind.True), token.Start);
            case TokenKind.Null:
                Advance();
                return new ConstantNode(Value.Null, token.Start);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseOr();
                if (_token.Kind != TokenKind.RightParen)
                {
                    throw Syntax(
                        _token.Start,
                        _token.Kind == TokenKind.End
                            ? $"missing ')' to close the '(' at column {Column(token.Start)}"
                            : $"expected ')' to close the '(' at column {Column(token.Start)} but found {Describe(_token)}");
                }

                Advance();
                return inner;
            case TokenKind.Identifier:
                Advance();
                return _token.Kind == TokenKind.LeftParen ? ParseCall(token) : ParseReference(token);
            default:
                throw MissingOperand();
        }
    }

    private SyntaxAbort MissingOperand()
    {
        var after = _previous.End > _previous.Start ? $" after {Describe(_previous)}" : string.Empty;
        return _token.Kind == TokenKind.End
            ? Syntax(_token.Start, $"expected a value{after} but the expression ends")
            : Syntax(_token.Start, $"expected a value{after} but found {Describe(_token)}");
    }
}
