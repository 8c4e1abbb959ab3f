using System.Runtime.InteropServices;
using FastFlow.Expressions.Nodes;
using FastFlow.Validation;

namespace FastFlow.Expressions.Syntax;

internal sealed partial class Parser
{
    private static readonly string[] s_functions = ["len", "contains", "startsWith", "endsWith", "exists", "lower", "upper"];

    /// <summary>A call <c>name(args)</c>; the current token is the '('.</summary>
    private ExpressionNode ParseCall(in Token name)
    {
        Advance();
        var mark = _arguments.Count;
        var firstArgument = _token.Start;
        if (_token.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                var argument = ParseOr();
                _arguments.Add(argument);
                if (_token.Kind != TokenKind.Comma)
                {
                    break;
                }

                Advance();
            }

            if (_token.Kind != TokenKind.RightParen)
            {
                throw Syntax(
                    _token.Start,
                    _token.Kind == TokenKind.End
                        ? $"missing ')' to close the call of {NameText(name)}()"
                        : $"expected ',' or ')' in the call of {NameText(name)}() but found {Describe(_token)}");
            }
        }

        Advance();
        var node = Bind(name, CollectionsMarshal.AsSpan(_arguments)[mark..], firstArgument);
        _arguments.RemoveRange(mark, _arguments.Count - mark);
        return node;
    }

    private ExpressionNode Bind(in Token name, ReadOnlySpan<ExpressionNode> arguments, int firstArgument)
    {
        var function = NameOf(name);
        var (arity, usage) = function switch
        {
            "len" => (1, "len(text_or_list_or_object)"),
            "contains" => (2, "contains(text_or_list_or_object, item)"),
            "startsWith" => (2, "startsWith(text, prefix)"),
            "endsWith" => (2, "endsWith(text, suffix)"),
            "exists" => (1, "exists(path)"),
            "lower" => (1, "lower(text)"),
            "upper" => (1, "upper(text)"),
            _ => (-1, string.Empty),
        };

        if (arity < 0)
        {
            return UnknownFunction(name);
        }

        if (arguments.Length != arity)
        {
            Report(
                DiagnosticCodes.UnknownFunction,
                name.Start,
                $"{NameText(name)}() takes {arity} argument{(arity == 1 ? string.Empty : "s")}, not {arguments.Length}",
                "call it as " + usage);
            return Placeholder(name.Start);
        }

        switch (function)
        {
            case "len":
                return new LenNode(arguments[0], name.Start);
            case "contains":
                return new InNode(arguments[1], arguments[0], negate: false, name.Start);
            case "startsWith" or "endsWith":
                return new AffixNode(arguments[0], arguments[1], atEnd: function is "endsWith", name.Start);
            case "lower" or "upper":
                return new CaseNode(arguments[0], upper: function is "upper", name.Start);
            default:
                if (arguments[0] is not PathNode path)
                {
                    if (arguments[0] is ErrorNode)
                    {
                        // The argument's own error is reported already.
                        return Placeholder(name.Start);
                    }

                    Report(DiagnosticCodes.UnknownFunction, firstArgument, "exists() needs a path, not a computed value", "for example exists(inputs.limit) or exists(tasks.fetch.output.items)");
                    return Placeholder(name.Start);
                }

                return new ExistsNode(path, name.Start);
        }
    }

    private ErrorNode UnknownFunction(in Token name)
    {
        var function = NameText(name);
        var closest = NameSuggester.Closest(function, s_functions);
        Report(
            DiagnosticCodes.UnknownFunction,
            name.Start,
            $"unknown function '{function}'",
            closest is not null ? $"did you mean '{closest}'?" : "functions: " + string.Join(", ", s_functions));
        return Placeholder(name.Start);
    }
}
