namespace FastFlow.Actions.Text;

/// <summary>The start of a text that may be long (what a program printed, a response body), for
/// error messages that must stay readable.</summary>
internal static class Excerpt
{
    /// <summary>Characters kept by default.</summary>
    public const int DefaultLength = 300;

    /// <summary>The trimmed text, cut at <paramref name="maxLength"/> characters with a note of how
    /// much was left out; <c>(nothing)</c> for empty text.</summary>
    public static string Of(string? text, int maxLength = DefaultLength)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return "(nothing)";
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : string.Concat(trimmed.AsSpan(0, maxLength), $"… ({trimmed.Length - maxLength} more characters)");
    }
}
