using System.Runtime.InteropServices;
using FastFlow.Definitions;
using FastFlow.Expressions.Syntax;
using FastFlow.Expressions.Templates;
using FastFlow.Validation;

namespace FastFlow.Expressions;

/// <summary>
/// Compiles the expressions, templates and parameter trees of one definition (or of one call of
/// <see cref="ExpressionCompiler"/>) against one scope, reporting into one diagnostics list. It
/// keeps what can be shared between them: one parser and its buffers, one table of names, and
/// the texts compiled already (many tasks share a <c>when</c> or a template), so that a valid
/// definition costs its compiled trees and little more. Paths of diagnostics are built only when
/// something is reported. Not thread-safe: one per validation.
/// </summary>
internal sealed partial class ExpressionCompilation
{
    /// <summary>The most texts of each kind remembered.</summary>
    private const int MaxCacheSlots = 256;

    private readonly Parser _parser;
    /// <summary>The pieces of the template being compiled.</summary>
    private List<TemplateSpan>? _spans;
    /// <summary>Scratch for the tasks a template's parts refer to.</summary>
    private List<int>? _templateTasks;
    /// <summary>Scratch for the tasks a parameter tree's templates refer to.</summary>
    private List<int>? _valueTasks;
    /// <summary>Keys and indexes from the root of the parameter tree being compiled to the value at hand.</summary>
    private List<(string? Key, int Index)>? _steps;
    /// <summary>Expressions compiled without error, by a hash of their text; null when not caching.</summary>
    private readonly CompiledExpression?[]? _expressions;
    /// <summary>Templates compiled without error, by a hash of their text; null when not caching.</summary>
    private readonly CompiledTemplate?[]? _templates;
    /// <summary>Where the text being compiled sits in the definition.</summary>
    private DeferredPath _root;
    /// <summary><see cref="_root"/> built, once something was reported at it.</summary>
    private string? _rootPath;
    /// <summary><see cref="_root"/> and <see cref="_steps"/> built, once something was reported at them.</summary>
    private string? _stepsPath;

    /// <summary>Creates a compilation.</summary>
    /// <param name="scope">The names expressions may use.</param>
    /// <param name="diagnostics">Where problems are added.</param>
    /// <param name="expectedTexts">About how many texts will be compiled; above 1, names and texts
    /// compiled already are remembered and shared.</param>
    public ExpressionCompilation(ExpressionScope scope, List<Diagnostic> diagnostics, int expectedTexts = 0)
    {
        Scope = scope;
        Diagnostics = diagnostics;
        Names = new NameTable(share: expectedTexts > 1);
        _parser = new Parser(this);
        if (expectedTexts > 1)
        {
            var slots = (int)Math.Min(MaxCacheSlots, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)expectedTexts));
            _expressions = new CompiledExpression?[slots];
            _templates = new CompiledTemplate?[slots];
        }
    }

    /// <summary>The names expressions may use.</summary>
    public ExpressionScope Scope { get; }

    /// <summary>Where problems are added.</summary>
    public List<Diagnostic> Diagnostics { get; }

    /// <summary>The names and literals of every text compiled here.</summary>
    public NameTable Names { get; }

    /// <summary>See <see cref="ExpressionCompiler.Compile"/>; problems are reported at <paramref name="path"/>.</summary>
    public CompiledExpression? Compile(string text, in DeferredPath path)
    {
        Enter(path);
        var slot = Slot(_expressions, text);
        if (slot >= 0 && _expressions![slot] is { } cached && string.Equals(cached.Source, text, StringComparison.Ordinal))
        {
            return cached;
        }

        var start = 0;
        var end = text.Length;
        if (text.AsSpan().TrimStart().StartsWith(TemplateScanner.Open, StringComparison.Ordinal))
        {
            var spans = Spans();
            if (!TemplateScanner.TryScan(text, spans, out var errorPosition, out var error, out var hint))
            {
                Report(DiagnosticCodes.TemplateSyntax, text, errorPosition, error!, hint);
                return null;
            }

            if (TrySingleExpression(spans, out var single))
            {
                (start, end) = (single.Start, single.End);
            }
        }

        var root = _parser.Parse(text, start, end);
        if (root is null)
        {
            return null;
        }

        var compiled = new CompiledExpression(text, 0, text.Length, root, _parser.ReferencedTasks(), !_parser.HasReferences);
        if (slot >= 0)
        {
            _expressions![slot] = compiled;
        }

        return compiled;
    }

    /// <summary>See <see cref="ExpressionCompiler.CompileTemplate"/>; problems are reported at <paramref name="path"/>.</summary>
    public CompiledTemplate? CompileTemplate(string text, in DeferredPath path)
    {
        Enter(path);
        return CompileTemplate(text);
    }

    /// <summary>Records a problem in <paramref name="text"/> at the path of the text being compiled.</summary>
    public void Report(string code, string text, int position, string message, string? hint) =>
        Diagnostics.Add(new Diagnostic
        {
            Code = code,
            Message = message,
            Hint = hint,
            Path = CurrentPath(),
            Expression = text,
            ExpressionColumn = position + 1,
        });

    /// <summary>Starts compiling a text found at <paramref name="path"/>.</summary>
    private void Enter(in DeferredPath path)
    {
        _root = path;
        _rootPath = null;
        _stepsPath = null;
        _steps?.Clear();
    }

    private CompiledTemplate? CompileTemplate(string text)
    {
        var slot = Slot(_templates, text);
        if (slot >= 0 && _templates![slot] is { } cached && string.Equals(cached.Text, text, StringComparison.Ordinal))
        {
            return cached;
        }

        var spans = Spans();
        if (!TemplateScanner.TryScan(text, spans, out var errorPosition, out var error, out var hint))
        {
            Report(DiagnosticCodes.TemplateSyntax, text, errorPosition, error!, hint);
            return null;
        }

        if (spans is [{ IsExpression: true } only])
        {
            // The common template, "${{ expression }}": no pieces to keep.
            return CompilePart(text, only) is { } part ? Remember(slot, new CompiledTemplate(text, part)) : null;
        }

        var failed = false;
        var segments = new TemplateSegment[spans.Count];
        var tasks = new TaskUnion(_templateTasks ??= []);
        for (var i = 0; i < segments.Length; i++)
        {
            var span = spans[i];
            if (!span.IsExpression)
            {
                segments[i] = new TemplateSegment(span.Literal, null);
                continue;
            }

            var expression = CompilePart(text, span);
            if (expression is null)
            {
                failed = true;
                continue;
            }

            tasks.Add(expression.ReferencedTasks);
            segments[i] = new TemplateSegment(null, expression);
        }

        if (failed)
        {
            return null;
        }

        return Remember(slot, new CompiledTemplate(text, segments, tasks.ToList()));
    }

    private CompiledTemplate Remember(int slot, CompiledTemplate template)
    {
        if (slot >= 0)
        {
            _templates![slot] = template;
        }

        return template;
    }

    private CompiledExpression? CompilePart(string text, in TemplateSpan span)
    {
        var inner = text.AsSpan(span.Start, span.End - span.Start);
        if (inner.IsWhiteSpace())
        {
            Report(DiagnosticCodes.TemplateSyntax, text, span.Open, $"'${{{{ }}}}' at column {span.Open + 1} is empty", "put an expression inside, such as ${{ inputs.name }}");
            return null;
        }

        var root = _parser.Parse(text, span.Start, span.End);
        if (root is null)
        {
            return null;
        }

        var leading = inner.Length - inner.TrimStart().Length;
        return new CompiledExpression(text, span.Start + leading, inner.Trim().Length, root, _parser.ReferencedTasks(), !_parser.HasReferences);
    }

    /// <summary>True when the spans are one expression with nothing but whitespace around it.</summary>
    private static bool TrySingleExpression(List<TemplateSpan> spans, out TemplateSpan single)
    {
        single = default;
        var found = false;
        foreach (var span in spans)
        {
            if (span.IsExpression)
            {
                if (found)
                {
                    return false;
                }

                single = span;
                found = true;
            }
            else if (!string.IsNullOrWhiteSpace(span.Literal))
            {
                return false;
            }
        }

        return found;
    }

    /// <summary>The scratch list of template pieces, emptied.</summary>
    private List<TemplateSpan> Spans()
    {
        if (_spans is null)
        {
            return _spans = [];
        }

        _spans.Clear();
        return _spans;
    }

    /// <summary>The cache slot of <paramref name="text"/>, or -1 when not caching.</summary>
    private static int Slot<T>(T[]? cache, string text) =>
        cache is null ? -1 : (int)(Hash(text) & (uint)(cache.Length - 1));

    /// <summary>A hash of the text's length and three samples of four characters (its start,
    /// middle and end), in constant time. It only picks a cache slot: texts that differ elsewhere
    /// share one, which costs a compile and never gives a wrong result.</summary>
    private static uint Hash(string text)
    {
        var bytes = MemoryMarshal.AsBytes(text.AsSpan());
        var hash = (ulong)text.Length * 0x9E3779B97F4A7C15UL;
        if (bytes.Length < sizeof(ulong))
        {
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 0x100000001B3UL;
            }
        }
        else
        {
            hash = Mix(hash ^ MemoryMarshal.Read<ulong>(bytes));
            hash = Mix(hash ^ MemoryMarshal.Read<ulong>(bytes.Slice((text.Length - 4) / 2 * sizeof(char), sizeof(ulong))));
            hash = Mix(hash ^ MemoryMarshal.Read<ulong>(bytes[^sizeof(ulong)..]));
        }

        return (uint)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong hash) => (hash ^ (hash >> 29)) * 0xBF58476D1CE4E5B9UL;

    /// <summary>The path of the value being compiled: the root's, then the steps into the tree.</summary>
    private string CurrentPath()
    {
        _rootPath ??= _root.Build();
        if (_steps is null or { Count: 0 })
        {
            return _rootPath;
        }

        if (_stepsPath is null)
        {
            var path = new System.Text.StringBuilder(_rootPath);
            foreach (var (key, index) in _steps)
            {
                if (key is not null)
                {
                    DefinitionPath.AppendField(path, key);
                }
                else
                {
                    DefinitionPath.AppendItem(path, index);
                }
            }

            _stepsPath = path.ToString();
        }

        return _stepsPath;
    }
}
