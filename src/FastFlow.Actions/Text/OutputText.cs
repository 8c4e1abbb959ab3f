using FastFlow.Data;

namespace FastFlow.Actions.Text;

/// <summary>What a program printed or a server returned, as task output: the JSON value when the
/// text is JSON, otherwise the text itself.</summary>
internal static class OutputText
{
    /// <summary>The JSON value of the text, or the text without its final line break.</summary>
    public static object? Parse(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && PlainData.TryParseJson(text, out var value))
        {
            return value;
        }

        return TrimFinalNewline(text);
    }

    /// <summary>True when the text starts like a JSON object or array, so that failing to parse
    /// it is a malformed reply rather than plain text.</summary>
    public static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '{' or '[';
    }

    /// <summary><c>echo hello</c> prints <c>hello\n</c>; the output is <c>hello</c>.</summary>
    public static string TrimFinalNewline(string text)
    {
        if (text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            return text[..^2];
        }

        return text.EndsWith('\n') ? text[..^1] : text;
    }
}
