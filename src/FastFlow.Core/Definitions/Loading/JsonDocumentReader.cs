using System.Text;
using System.Text.Json;
using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

/// <summary>Reads JSON text into a <see cref="DocNode"/> tree with positions, using
/// <see cref="Utf8JsonReader"/> and an explicit stack (deep nesting cannot overflow the call
/// stack). Comments and trailing commas are tolerated. A syntax error yields FF1001 at its exact
/// line and column and no tree.</summary>
internal static class JsonDocumentReader
{
    /// <summary>Deepest nesting accepted; deeper documents are refused as syntax errors.</summary>
    public const int MaxDepth = 256;

    /// <summary>The suffix <see cref="JsonException"/> appends to its messages; positions are
    /// reported separately.</summary>
    private const string PositionSuffix = " LineNumber:";

    /// <summary>Parses <paramref name="text"/>; null (and a diagnostic) when it is not valid JSON.</summary>
    public static DocNode? Read(string text, LoadSession session)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var positions = new TextPositions(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = MaxDepth,
        });

        var open = new Stack<(DocNode Node, DocScalar? Key)>();
        DocScalar? pendingKey = null;
        DocNode? root = null;
        try
        {
            while (reader.Read())
            {
                var at = positions.At(reader.TokenStartIndex);
                DocNode node;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!TryGetString(ref reader, out var key))
                        {
                            return InvalidString(session, at);
                        }

                        pendingKey = new DocScalar(key, DocScalarStyle.Quoted, at);
                        continue;
                    case JsonTokenType.StartObject:
                        open.Push((new DocMapping(at), pendingKey));
                        pendingKey = null;
                        continue;
                    case JsonTokenType.StartArray:
                        open.Push((new DocSequence(at), pendingKey));
                        pendingKey = null;
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        (node, pendingKey) = open.Pop();
                        break;
                    case JsonTokenType.String:
                        if (!TryGetString(ref reader, out var value))
                        {
                            return InvalidString(session, at);
                        }

                        node = new DocScalar(value, DocScalarStyle.Quoted, at);
                        break;
                    default:
                        // Numbers, true, false and null: their raw text types them by the same
                        // core schema as plain YAML scalars.
                        node = new DocScalar(Encoding.UTF8.GetString(reader.ValueSpan), DocScalarStyle.Plain, at);
                        break;
                }

                if (open.Count == 0)
                {
                    root = node;
                }
                else if (open.Peek().Node is DocMapping mapping)
                {
                    mapping.Entries.Add(new DocEntry(pendingKey!, node));
                    pendingKey = null;
                }
                else
                {
                    ((DocSequence)open.Peek().Node).Items.Add(node);
                }
            }
        }
        catch (JsonException e)
        {
            var at = positions.At(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            session.Error(DiagnosticCodes.Syntax, string.Empty, at, "invalid JSON: " + Clean(e.Message), "fix the JSON syntax at this position");
            return null;
        }

        return root;
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) passes the reader but cannot become a string.
            value = string.Empty;
            return false;
        }
    }

    private static DocNode? InvalidString(LoadSession session, SourcePosition at)
    {
        session.Error(DiagnosticCodes.Syntax, string.Empty, at, "invalid JSON: a string holds an invalid \\u escape (a lone surrogate)", "escape a character outside the BMP as a surrogate pair");
        return null;
    }

    private static string Clean(string message)
    {
        var cut = message.IndexOf(PositionSuffix, StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
