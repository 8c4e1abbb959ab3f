using FastFlow.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FastFlow.Definitions.Loading;

/// <summary>Reads YAML text into a <see cref="DocNode"/> tree with positions from YamlDotNet's
/// low-level parser events and an explicit stack. An alias yields the anchored node itself (a
/// shared subtree, not a copy); how far aliases expand the document is bounded, so an alias bomb
/// is refused instead of exhausting memory. One document per file.</summary>
internal static class YamlDocumentReader
{
    /// <summary>Deepest nesting accepted, as for JSON.</summary>
    public const int MaxDepth = JsonDocumentReader.MaxDepth;

    /// <summary>Nodes the document may expand to through aliases, beyond one per character.</summary>
    private const long MaxExpansion = 1_000_000;

    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>Parses <paramref name="text"/>; null (and a diagnostic) when it is not usable YAML.</summary>
    public static DocNode? Read(string text, LoadSession session)
    {
        var state = new State(text.Length + MaxExpansion);
        var parser = new Parser(new StringReader(text));
        while (true)
        {
            try
            {
                if (!parser.MoveNext())
                {
                    break;
                }
            }
            catch (YamlException e)
            {
                session.Error(DiagnosticCodes.Syntax, string.Empty, ToPosition(e.Start), "invalid YAML: " + Clean(e.Message), "fix the YAML syntax at this position");
                return null;
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner fails this way, instead of with a YamlException, on some
                // malformed flow collections; the last event it produced is the best position.
                var at = parser.Current is { } last ? ToPosition(last.End) : new SourcePosition(1, 1);
                session.Error(DiagnosticCodes.Syntax, string.Empty, at, "invalid YAML: the document cannot be parsed after this point", "check the brackets and indentation here");
                return null;
            }

            if (!state.Accept(parser.Current!, session))
            {
                return state.Usable ? state.Root : null;
            }
        }

        if (state.Root is null)
        {
            session.Error(DiagnosticCodes.Syntax, string.Empty, new SourcePosition(1, 1), "the document is empty", "a definition is a mapping with at least `tasks`");
        }

        return state.Root;
    }

    private static SourcePosition At(ParsingEvent e) => ToPosition(e.Start);

    private static SourcePosition ToPosition(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>YamlDotNet prefixes messages with the position ("(Line: 1, Col: 5, ...): "); we
    /// report positions separately.</summary>
    private static string Clean(string message)
    {
        var close = message.StartsWith('(') ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return close > 0 ? message[(close + 3)..] : message;
    }

    /// <summary>The tree being built.</summary>
    private sealed class State(long expansionLimit)
    {
        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, (DocNode Node, long Weight)> _anchors = new(StringComparer.Ordinal);
        /// <summary>Nodes the document expands to so far, aliases counted in full.</summary>
        private long _expanded;
        private int _documents;

        public DocNode? Root { get; private set; }

        /// <summary>False when reading stopped on an error that makes the tree unusable.</summary>
        public bool Usable { get; private set; } = true;

        /// <summary>Takes one event; false to stop reading.</summary>
        public bool Accept(ParsingEvent e, LoadSession session)
        {
            switch (e)
            {
                case DocumentStart:
                    if (++_documents > 1)
                    {
                        // The first document stays usable; the rest is not read.
                        session.Error(DiagnosticCodes.Syntax, string.Empty, At(e), "a definition file holds one YAML document; another starts here", "remove the extra `---` document or move it to its own file");
                        return false;
                    }

                    return true;
                case MappingStart start:
                    return Open(new DocMapping(At(e)), start.Anchor, session);
                case SequenceStart start:
                    return Open(new DocSequence(At(e)), start.Anchor, session);
                case MappingEnd or SequenceEnd:
                    var frame = _open.Pop();
                    Remember(frame.Anchor, frame.Node, _expanded - frame.ExpandedBefore);
                    return Add(frame.Node, 0, session);
                case Scalar scalar:
                    var node = new DocScalar(scalar.Value, StyleOf(scalar), At(e));
                    Remember(scalar.Anchor, node, 1);
                    return Add(node, 1, session);
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        return Fail(session, At(e), $"invalid YAML: the alias *{alias.Value.Value} refers to no anchor before it", $"define &{alias.Value.Value} before using it");
                    }

                    return Add(anchored.Node, anchored.Weight, session);
                default:
                    return true;
            }
        }

        private bool Open(DocNode node, AnchorName anchor, LoadSession session)
        {
            if (_open.Count >= MaxDepth)
            {
                return Fail(session, node.Position, $"invalid YAML: nesting deeper than {MaxDepth} levels", "flatten the document");
            }

            _expanded++;
            _open.Push(new Frame(node, anchor, _expanded - 1));
            return true;
        }

        /// <summary>Adds a finished node to its parent; <paramref name="weight"/> is what it adds to the expansion.</summary>
        private bool Add(DocNode node, long weight, LoadSession session)
        {
            _expanded += weight;
            if (_expanded > expansionLimit)
            {
                return Fail(session, node.Position, "invalid YAML: aliases expand the document beyond " + expansionLimit + " nodes", "use fewer nested aliases");
            }

            if (_open.Count == 0)
            {
                Root = node;
                return true;
            }

            var parent = _open.Peek();
            if (parent.Node is DocSequence sequence)
            {
                sequence.Items.Add(node);
            }
            else if (parent.PendingKey is null)
            {
                parent.PendingKey = node;
            }
            else
            {
                ((DocMapping)parent.Node).Entries.Add(new DocEntry(parent.PendingKey, node));
                parent.PendingKey = null;
            }

            return true;
        }

        private void Remember(AnchorName anchor, DocNode node, long weight)
        {
            if (!anchor.IsEmpty)
            {
                // A later anchor of the same name replaces the earlier one, as YAML says.
                _anchors[anchor.Value] = (node, weight);
            }
        }

        private bool Fail(LoadSession session, SourcePosition at, string message, string hint)
        {
            session.Error(DiagnosticCodes.Syntax, string.Empty, at, message, hint);
            Usable = false;
            return false;
        }

        private static DocScalarStyle StyleOf(Scalar scalar)
        {
            if (scalar.Style != ScalarStyle.Plain)
            {
                return DocScalarStyle.Quoted;
            }

            // `!` (non-specific) and `!!str` make a plain scalar a string.
            return scalar.Tag.IsNonSpecific || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag)
                ? DocScalarStyle.Quoted
                : DocScalarStyle.Plain;
        }
    }

    /// <summary>A mapping or sequence still open.</summary>
    private sealed class Frame(DocNode node, AnchorName anchor, long expandedBefore)
    {
        public DocNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        /// <summary>The expansion count before this node, to weigh it when it closes.</summary>
        public long ExpandedBefore { get; } = expandedBefore;

        /// <summary>A mapping's key waiting for its value.</summary>
        public DocNode? PendingKey { get; set; }
    }
}
