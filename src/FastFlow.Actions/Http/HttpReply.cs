using System.Net.Http.Headers;
using System.Text;
using FastFlow.Actions.Text;
using FastFlow.Data;

namespace FastFlow.Actions.Http;

/// <summary>A response read to the end: status, headers (lower-case names, repeated values joined
/// with ", ") and body text.</summary>
internal sealed class HttpReply
{
    private HttpReply(int status, string reason, Dictionary<string, object?> headers, string body, string? mediaType, bool truncated)
    {
        Truncated = truncated;
        Status = status;
        Reason = reason;
        Headers = headers;
        Body = body;
        MediaType = mediaType;
    }

    public int Status { get; }

    public string Reason { get; }

    public Dictionary<string, object?> Headers { get; }

    public string Body { get; }

    public string? MediaType { get; }

    /// <summary>True when the body went past <see cref="OutputLimits.MaxTextChars"/> and was cut there.</summary>
    public bool Truncated { get; }

    /// <summary>True for a JSON media type (<c>application/json</c>, <c>application/problem+json</c>...).</summary>
    public bool IsJson => MediaType is { } type && (type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>404 Not Found</c>.</summary>
    public string StatusText => string.IsNullOrEmpty(Reason) ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} {Reason}";

    public static async Task<HttpReply> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        Add(headers, response.Headers);
        Add(headers, response.Content.Headers);
        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = charset is null ? Encoding.UTF8 : EncodingOf(charset);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        var body = await OutputLimits.ReadAsync(reader, OutputLimits.MaxTextChars, cancellationToken).ConfigureAwait(false);
        return new HttpReply((int)response.StatusCode, response.ReasonPhrase ?? string.Empty, headers, body.Text,
            response.Content.Headers.ContentType?.MediaType, body.Truncated);
    }

    /// <summary>The body as output: parsed when it is JSON (by media type, or by content when the
    /// server gave none), null when empty, the text otherwise.</summary>
    public object? ParsedBody()
    {
        if (Body.Length == 0)
        {
            return null;
        }

        if ((IsJson || MediaType is null) && PlainData.TryParseJson(Body, out var value))
        {
            return value;
        }

        return Body;
    }

    /// <summary>The start of the body, for error messages.</summary>
    public string BodyExcerpt => Excerpt.Of(Body);

    private static Encoding EncodingOf(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            // An unknown charset: read as UTF-8 rather than fail the request.
            return Encoding.UTF8;
        }
    }

    private static void Add(Dictionary<string, object?> headers, HttpHeaders source)
    {
        foreach (var (name, values) in source)
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }
    }
}
