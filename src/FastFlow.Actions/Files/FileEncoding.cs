using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace FastFlow.Actions.Files;

/// <summary>The <c>encoding</c> of <c>file_operation</c>: a text encoding, or <c>base64</c> for
/// bytes (read returns base64 text, write and append take it).</summary>
internal sealed class FileEncoding
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private FileEncoding(Encoding? text) => Text = text;

    /// <summary>The names accepted, for hints.</summary>
    public static IReadOnlyList<string> Names { get; } = ["utf-8", "utf-16", "utf-16be", "utf-32", "ascii", "latin1", "base64"];

    /// <summary>UTF-8 without a byte order mark: the default.</summary>
    public static FileEncoding Utf8 { get; } = new(s_utf8);

    /// <summary>The text encoding; null for base64.</summary>
    public Encoding? Text { get; }

    /// <summary>The encoding for a name (case-insensitive; <c>utf8</c>, <c>iso-8859-1</c> and
    /// <c>utf-16le</c> are accepted too).</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out FileEncoding? encoding)
    {
        encoding = name?.ToLowerInvariant() switch
        {
            null or "utf-8" or "utf8" => Utf8,
            "utf-16" or "utf16" or "utf-16le" or "unicode" => new FileEncoding(new UnicodeEncoding(bigEndian: false, byteOrderMark: false)),
            "utf-16be" => new FileEncoding(new UnicodeEncoding(bigEndian: true, byteOrderMark: false)),
            "utf-32" or "utf32" => new FileEncoding(new UTF32Encoding(bigEndian: false, byteOrderMark: false)),
            "ascii" or "us-ascii" => new FileEncoding(Encoding.ASCII),
            "latin1" or "iso-8859-1" => new FileEncoding(Encoding.Latin1),
            "base64" => new FileEncoding(null),
            _ => null,
        };
        return encoding is not null;
    }

    /// <summary>File bytes as the text the task outputs.</summary>
    public string Decode(byte[] bytes) => Text is null ? Convert.ToBase64String(bytes) : Decode(Text, bytes);

    /// <summary>The text a task writes as file bytes.</summary>
    /// <exception cref="FormatException">Base64 that is not valid.</exception>
    public byte[] Encode(string text) => Text is null ? Convert.FromBase64String(text) : Text.GetBytes(text);

    /// <summary>A byte order mark at the start wins over the configured encoding, as editors do.</summary>
    private static string Decode(Encoding encoding, byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
