using System.Text;

namespace FastFlow.Protocol.Tests.Vectors;

/// <summary>The byte-level examples of docs/protocol.md, written between two markers from the
/// vectors (so from the codecs) and the annotator.</summary>
internal static class ProtocolDocExamples
{
    public const string RelativePath = "docs/protocol.md";
    public const string Begin = "<!-- examples:begin (written by the vector tests: FASTFLOW_WRITE_VECTORS=1) -->";
    public const string End = "<!-- examples:end -->";

    /// <summary>The vectors shown, in order.</summary>
    private static readonly string[] s_shown =
    [
        "ping", "pong", "hello", "welcome", "submit_run", "run_state", "error_not_found", "error_bad_token",
        "event", "subscription_ended", "register_definition_compressed",
    ];

    public static string FilePath => Path.Combine(ProtocolVectors.RepositoryRoot(), RelativePath);

    /// <summary>The text between the markers.</summary>
    public static string Build(IReadOnlyList<ProtocolVectors.Vector> vectors)
    {
        var text = new StringBuilder("\n");
        foreach (var name in s_shown)
        {
            var vector = vectors.Single(candidate => candidate.Name == name);
            text.Append("#### `").Append(vector.Name).Append("` (").Append(vector.Direction).Append(" → ")
                .Append(vector.Direction == "client" ? "server" : "client").Append(")\n\n")
                .Append(vector.Meaning).Append("\n\n```text\n").Append(FrameAnnotator.Wrap(vector.Hex)).Append("```\n\n")
                .Append("```text\n").Append(FrameAnnotator.Annotate(vector.Bytes)).Append("```\n\n");
        }

        return text.ToString();
    }

    /// <summary>The text between the markers of <paramref name="document"/>, or null without them.</summary>
    public static string? Current(string document)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : document[(begin + Begin.Length)..end];
    }

    /// <summary><paramref name="document"/> with <paramref name="block"/> between the markers.</summary>
    public static string Replace(string document, string block)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidDataException($"{RelativePath} has no '{Begin}' … '{End}' markers to write the examples between.");
        }

        return string.Concat(document.AsSpan(0, begin + Begin.Length), block, document.AsSpan(end));
    }
}
