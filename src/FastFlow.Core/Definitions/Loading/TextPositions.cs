using System.Text;

namespace FastFlow.Definitions.Loading;

/// <summary>Turns byte offsets into the UTF-8 text into 1-based lines and columns; columns count
/// UTF-16 characters, as YAML marks and editors do. Lines end at <c>\n</c>, as
/// <see cref="System.Text.Json.Utf8JsonReader"/> counts them.</summary>
internal sealed class TextPositions
{
    private readonly byte[] _utf8;
    /// <summary>Byte offset where each line starts; line 1 starts at 0.</summary>
    private readonly List<int> _lineStarts = [0];
    /// <summary>The line, bytes into it and characters into it of the last position computed.</summary>
    private int _lastLine = -1;
    private int _lastBytes;
    private int _lastChars;

    public TextPositions(byte[] utf8)
    {
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The position of the byte at <paramref name="offset"/>.</summary>
    public SourcePosition At(long offset)
    {
        var clamped = (int)Math.Clamp(offset, 0, _utf8.Length);
        var line = _lineStarts.BinarySearch(clamped);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return Column(line, clamped - _lineStarts[line]);
    }

    /// <summary>The position of a 0-based line and byte in that line (as JSON errors give them).</summary>
    public SourcePosition At(long zeroBasedLine, long byteInLine)
    {
        var line = (int)Math.Clamp(zeroBasedLine, 0, _lineStarts.Count - 1);
        var start = _lineStarts[line];
        var bytes = (int)Math.Clamp(byteInLine, 0, _utf8.Length - start);
        return Column(line, bytes);
    }

    private SourcePosition Column(int line, int bytesIntoLine)
    {
        // Tokens come in text order, so count characters on from the last position asked on the
        // same line: a long one-line JSON document stays linear instead of quadratic.
        var start = _lineStarts[line];
        if (line != _lastLine || bytesIntoLine < _lastBytes)
        {
            (_lastLine, _lastBytes, _lastChars) = (line, 0, 0);
        }

        _lastChars += Encoding.UTF8.GetCharCount(_utf8, start + _lastBytes, bytesIntoLine - _lastBytes);
        _lastBytes = bytesIntoLine;
        return new SourcePosition(line + 1, _lastChars + 1);
    }
}
