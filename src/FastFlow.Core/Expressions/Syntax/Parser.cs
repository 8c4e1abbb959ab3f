using System.Runtime.InteropServices;
using FastFlow.Expressions.Nodes;
using FastFlow.Validation;

namespace FastFlow.Expressions.Syntax;

/// <summary>
/// Parses one expression (a whole text, or the inside of one <c>${{ }}</c>) into a tree of
/// nodes with every name bound, reporting problems as diagnostics: the first syntax error (after
/// which it stops), and every bad reference and function call before that point. One parser
/// serves every expression of an <see cref="ExpressionCompilation"/>: its buffers are reused, so
/// a parse allocates the tree and little else.
/// </summary>
/// <remarks>
/// Precedence, loosest first: <c>|| or</c>; <c>&amp;&amp; and</c>; <c>! not</c>; one comparison
/// (<c>== != &lt; &lt;= &gt; &gt;= in</c>, <c>not in</c>; not chained); <c>+ -</c>;
/// <c>* / %</c>; unary <c>-</c>; <c>.name</c>, <c>[index]</c> and calls.
/// </remarks>
internal sealed partial class Parser
{
    private readonly ExpressionCompilation _compilation;
    private readonly ExpressionScope _scope;
    private readonly NameTable _names;
    private readonly Lexer _lexer;
    /// <summary>Distinct task indices referenced, in order of first reference.</summary>
    private readonly List<int> _tasks = [];
    /// <summary>The segments of the paths being parsed, innermost last (an index may hold a path).</summary>
    private readonly List<PathSegment> _segments = [];
    /// <summary>The arguments of the calls being parsed, innermost last.</summary>
    private readonly List<ExpressionNode> _arguments = [];
    /// <summary>The whole text; diagnostics quote it and count columns in it.</summary>
    private string _text = string.Empty;
    /// <summary>The id <see cref="_lastTaskIndex"/> was found for, in its first <see cref="_lastTaskIdLength"/> characters.</summary>
    private char[]? _lastTaskId;
    private int _lastTaskIdLength;
    /// <summary>The index of the task found last, or -1.</summary>
    private int _lastTaskIndex = -1;
    private Token _token;
    private Token _previous;
    private bool _hasErrors;

    /// <summary>Creates the parser of <paramref name="compilation"/>.</summary>
    public Parser(ExpressionCompilation compilation)
    {
        _compilation = compilation;
        _scope = compilation.Scope;
        _names = compilation.Names;
        _lexer = new Lexer(_names);
    }

    /// <summary>True once a path (of any root) was parsed by the last <see cref="Parse"/>.</summary>
    public bool HasReferences { get; private set; }

    /// <summary>The tree of <c>text[start..end]</c>, or null when a problem was reported.</summary>
    public ExpressionNode? Parse(string text, int start, int end)
    {
        _text = text;
        _lexer.Reset(text, end);
        _tasks.Clear();
        _segments.Clear();
        _arguments.Clear();
        _hasErrors = false;
        HasReferences = false;
        _previous = default;
        try
        {
            _token = _lexer.Next(start);
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

    /// <summary>The distinct task indices the last <see cref="Parse"/> referenced, in a new array.</summary>
    public int[] ReferencedTasks() => _tasks.Count == 0 ? [] : [.. _tasks];

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
            throw Syntax(_token.Start, _lexer.Text!);
        }
    }

    /// <summary>The text of a name token, not copied.</summary>
    private ReadOnlySpan<char> NameOf(in Token token) => _lexer.Span(token);

    /// <summary>The text of a name token as a string; for messages.</summary>
    private string NameText(in Token token) => _lexer.Slice(token);

    /// <summary>Moves the segments pushed since <paramref name="mark"/> into an array.</summary>
    private PathSegment[] PopSegments(int mark)
    {
        var count = _segments.Count - mark;
        if (count == 0)
        {
            return [];
        }

        var segments = CollectionsMarshal.AsSpan(_segments).Slice(mark, count).ToArray();
        _segments.RemoveRange(mark, count);
        return segments;
    }

    private SyntaxAbort Syntax(int position, string message, string? hint = null)
    {
        Report(DiagnosticCodes.ExpressionSyntax, position, message, hint);
        return new SyntaxAbort();
    }

    private void Report(string code, int position, string message, string? hint)
    {
        _hasErrors = true;
        _compilation.Report(code, _text, position, message, hint);
    }

    /// <summary>Stands for a part that had an error; the expression is never evaluated.</summary>
    private static ErrorNode Placeholder(int position) => new(position);

    private string Describe(in Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Identifier => $"'{NameText(token)}'",
        TokenKind.String => "string " + _lexer.Slice(token),
        TokenKind.Integer or TokenKind.Number => "number " + _lexer.Slice(token),
        _ => $"'{_lexer.Slice(token)}'",
    };

    private static int Column(int position) => position + 1;
}
