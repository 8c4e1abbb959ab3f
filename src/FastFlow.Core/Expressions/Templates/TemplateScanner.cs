using System.Runtime.CompilerServices;
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
    /// when an expression is not closed. Literal pieces are cut out of the text; only one with a
    /// <c>$${{</c> escape is built.</summary>
    public static bool TryScan(string text, List<TemplateSpan> spans, out int errorPosition, out string? error, out string? hint)
    {
        // The literal piece being read is text[literalStart..i], after what escaped holds.
        StringBuilder? escaped = null;
        var literalStart = 0;
        var i = 0;
        while (true)
        {
            var dollar = text.AsSpan(i).IndexOf('$');
            if (dollar < 0)
            {
                break;
            }

            i += dollar;
            if (string.CompareOrdinal(text, i + 1, Open, 0, Open.Length) == 0)
            {
                escaped = AppendEscape(escaped, text, literalStart, i);
                i += 1 + Open.Length;
                literalStart = i;
                continue;
            }

            if (string.CompareOrdinal(text, i, Open, 0, Open.Length) != 0)
            {
                i++;
                continue;
            }

            AddLiteral(spans, text, literalStart, i, ref escaped);
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
            literalStart = i;
        }

        AddLiteral(spans, text, literalStart, text.Length, ref escaped);
        errorPosition = 0;
        error = null;
        hint = null;
        return true;
    }

    /// <summary>Adds the literal piece <c>text[start..end]</c> after what <paramref name="escaped"/>
    /// holds, when that is not empty.</summary>
    private static void AddLiteral(List<TemplateSpan> spans, string text, int start, int end, ref StringBuilder? escaped)
    {
        if (escaped is not null)
        {
            spans.Add(new TemplateSpan(escaped.Append(text, start, end - start).ToString(), 0, 0, 0));
            escaped = null;
        }
        else if (end > start)
        {
            spans.Add(new TemplateSpan(start == 0 && end == text.Length ? text : text[start..end], 0, 0, 0));
        }
    }

    /// <summary>Adds <c>text[start..dollar]</c> and a literal <c>${{</c> for the escape at <paramref name="dollar"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StringBuilder AppendEscape(StringBuilder? escaped, string text, int start, int dollar) =>
        (escaped ?? new StringBuilder()).Append(text, start, dollar - start).Append(Open);

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
