using FastFlow.Expressions.Nodes;
using FastFlow.Validation;

namespace FastFlow.Expressions.Syntax;

/// <summary>
/// Parses one expression (a whole text, or the inside of one <c>${{ }}</c>) into a tree of
/// nodes with every name bound, reporting problems as diagnostics: the first syntax error (after
/// which it stops), and every bad reference and function call before that point.
/// </summary>
/// <remarks>
/// Precedence, loosest first: <c>|| or</c>; <c>&amp;&amp; and</c>; <c>! not</c>; one comparison
/// (<c>== != &lt; &lt;= &gt; &gt;= in</c>, <c>not in</c>; not chained); <c>+ -</c>;
/// <c>* / %</c>; unary <c>-</c>; <c>.name</c>, <c>[index]</c> and calls.
/// </remarks>
internal sealed partial class Parser
{
    /// <summary>The whole text; diagnostics quote it and count columns in it.</summary>
    private readonly string _text;
    /// <summary>Where the expression starts in <see cref="_text"/>.</summary>
    private readonly int _start;
    private readonly Lexer _lexer;
    private readonly ExpressionScope _scope;
    private readonly string _path;
    private readonly List<Diagnostic> _diagnostics;
    /// <summary>Distinct task indices referenced, in order of first reference.</summary>
    private readonly List<int> _tasks = [];
    private Token _token;
    private Token _previous;
    private bool _hasErrors;

    /// <summary>Creates a parser for <c>text[start..end]</c>.</summary>
    public Parser(string text, int start, int end, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        _text = text;
        _start = start;
        _lexer = new Lexer(text, end);
        _scope = scope;
        _path = path;
        _diagnostics = diagnostics;
    }

    /// <summary>True once a path (of any root) was parsed.</summary>
    public bool HasReferences { get; private set; }

    /// <summary>Distinct task indices referenced.</summary>
    public IReadOnlyList<int> ReferencedTasks => _tasks;

    /// <summary>The tree, or null when a problem was reported.</summary>
    public ExpressionNode? Parse()
    {
        try
        {
            _token = _lexer.Next(_start);
            ThrowIfLexError();
            if (_token.Kind == TokenKind.End)
            {
                throw Syntax(_token.Start, "the expression is empty", "write a value or a condition, such as inputs.count > 0");
            }

            var node = ParseOr();
            if (_token.Kind != TokenKind.End)
            {
                throw Syntax(
                    _token.Start,
                    $"unexpected {Describe(_token)} after a complete expression",
                    "an operator such as '&&', '==' or '+' may be missing");
            }

            return _hasErrors ? null : node;
        }
        catch (SyntaxAbort)
        {
            return null;
        }
    }

    private void Advance()
    {
        _previous = _token;
        _token = _lexer.Next(_token.End);
        ThrowIfLexError();
    }

    /// <summary>Reads the token after a dot as a name, keywords included.</summary>
    private void AdvanceName()
    {
        _previous = _token;
        _token = _lexer.NextName(_token.End);
        ThrowIfLexError();
    }

    /// <summary>Reads the token after <c>tasks.</c> as a task id.</summary>
    private void AdvanceTaskId()
    {
        _previous = _token;
        _token = _lexer.NextTaskId(_token.End);
        ThrowIfLexError();
    }

    private void ThrowIfLexError()
    {
        if (_token.Kind == TokenKind.Error)
        {
            throw Syntax(_token.Start, _token.Text!);
        }
    }

    private SyntaxAbort Syntax(int position, string message, string? hint = null)
    {
        Report(DiagnosticCodes.ExpressionSyntax, position, message, hint);
        return new SyntaxAbort();
    }

    private void Report(string code, int position, string message, string? hint)
    {
        _hasErrors = true;
        _diagnostics.Add(new Diagnostic
        {
            Code = code,
            Message = message,
            Hint = hint,
            Path = _path,
            Expression = _text,
            ExpressionColumn = position + 1,
        });
    }

    /// <summary>Stands for a part that had an error; the expression is never evaluated.</summary>
    private static ErrorNode Placeholder(int position) => new(position);

    private string Describe(in Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Identifier => $"'{token.Text}'",
        TokenKind.String => "string " + _lexer.Slice(token),
        TokenKind.Integer or TokenKind.Number => "number " + _lexer.Slice(token),
        _ => $"'{_lexer.Slice(token)}'",
    };

    private static int Column(int position) => position + 1;
}
