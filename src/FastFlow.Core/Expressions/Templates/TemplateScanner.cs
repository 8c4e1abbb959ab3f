using System.Text;

namespace FastFlow.Expressions.Templates;

/// <summary>
/// Splits a template into literal text and <c>${{ expression }}</c> parts. The closing
/// <c>}}</c> is the first one outside a quoted string, so <c>${{ 'a}}b' }}</c> is one expression.
/// <c>$${{</c> stands for a literal <c>${{</c>.
/// </summary>
internal static class TemplateScanner
{
    /// <summary>The opening of an expression.</summary>
    public const string Open = "${{";

    /// <summary>Splits <paramref name="text"/>; false with a message at <paramref name="errorPosition"/>
    /// when an expression is not closed.</summary>
    public static bool TryScan(string text, List<TemplateSpan> spans, out int errorPosition, out string? error, out string? hint)
    {
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && string.CompareOrdinal(text, i + 1, Open, 0, Open.Length) == 0)
            {
                literal.Append(Open);
                i += 1 + Open.Length;
                continue;
            }

            if (text[i] != '$' || string.CompareOrdinal(text, i, Open, 0, Open.Length) != 0)
            {
                literal.Append(text[i]);
                i++;
                continue;
            }

            if (literal.Length > 0)
            {
                spans.Add(new TemplateSpan(literal.ToString(), 0, 0, 0));
                literal.Clear();
            }

            var start = i + Open.Length;
            var close = FindClose(text, start, out var openQuote);
            if (close < 0)
            {
                errorPosition = i;
                error = $"'{Open}' at column {i + 1} is not closed by '}}}}'";
                hint = openQuote >= 0
                    ? $"the quote at column {openQuote + 1} is not closed, so the '}}}}' after it is part of a string"
                    : "end the expression with '}}', or write '$${{' for a literal '${{'";
                return false;
            }

            spans.Add(new TemplateSpan(null, i, start, close));
            i = close + 2;
        }

        if (literal.Length > 0)
        {
            spans.Add(new TemplateSpan(literal.ToString(), 0, 0, 0));
        }

        errorPosition = 0;
        error = null;
        hint = null;
        return true;
    }

    /// <summary>The offset of the <c>}}</c> that closes an expression starting at
    /// <paramref name="start"/>, or -1; <paramref name="openQuote"/> is the offset of a quote left
    /// open at the end, or -1.</summary>
    private static int FindClose(string text, int start, out int openQuote)
    {
        openQuote = -1;
        var j = start;
        while (j < text.Length)
        {
            var c = text[j];
            if (c is '\'' or '"')
            {
                var quote = j;
                j++;
                while (j < text.Length && text[j] != c)
                {
                    j += text[j] == '\\' ? 2 : 1;
                }

                if (j >= text.Length)
                {
                    openQuote = quote;
                    return -1;
                }

                j++;
                continue;
            }

            if (c == '}' && j + 1 < text.Length && text[j + 1] == '}')
            {
                return j;
            }

            j++;
        }

        return -1;
    }
}
