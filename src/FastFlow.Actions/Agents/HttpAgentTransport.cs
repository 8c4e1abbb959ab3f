using System.Net.Http.Headers;
using FastFlow.Actions.Http;
using FastFlow.Actions.Text;
using FastFlow.Agents;

namespace FastFlow.Actions.Agents;

/// <summary>An agent behind an HTTP endpoint: each attempt POSTs the <see cref="AgentRequest"/> JSON
/// to <see cref="Url"/> (with an <c>Idempotency-Key</c> header); a 2xx response's body is the
/// output (JSON, or plain text as a string); any other status fails the attempt, as transient
/// unless the body is an error object (see docs/agents.md). Network errors are transient.</summary>
public sealed class HttpAgentTransport : AgentTransport
{
    private readonly HttpClient _client;

    /// <summary>Creates the transport over the shared HTTP client.</summary>
    /// <param name="url">The endpoint (absolute http or https).</param>
    /// <param name="headers">Headers sent with every request (an Authorization header, say).</param>
    public HttpAgentTransport(Uri url, IReadOnlyDictionary<string, string>? headers = null)
        : this(url, headers, SharedHttpClient.Instance)
    {
    }

    internal HttpAgentTransport(Uri url, IReadOnlyDictionary<string, string>? headers, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"An HTTP agent needs an absolute http or https URL, not '{url}'.", nameof(url));
        }

        Url = url;
        Headers = headers ?? new Dictionary<string, string>(StringComparer.Ordinal);
        _client = client;
    }

    /// <inheritdoc/>
    public override string Kind => "http";

    /// <summary>The endpoint requests are POSTed to.</summary>
    public Uri Url { get; }

    /// <summary>Headers sent with every request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <inheritdoc/>
    public override async ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new ByteArrayContent(request.ToUtf8Json()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } },
        };
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        HttpReply reply;
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            reply = await HttpReply.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return TaskResult.Failure(new TaskError(ErrorCategory.Transient,
                $"Agent '{request.AgentId}' could not be reached at {Url}: {exception.Message}", exception));
        }

        if (reply.Truncated && reply.Status is >= 200 and <= 299)
        {
            return TaskResult.Failure(ErrorCategory.Permanent,
                $"Agent '{request.AgentId}' answered with more than {OutputLimits.MaxTextChars / (1024 * 1024)} Mi characters; an agent's output must be smaller.");
        }

        return reply.Status is >= 200 and <= 299
            ? AgentReply.Success(request.AgentId, reply.Body)
            : AgentReply.Failure(request.AgentId, $"answered {reply.StatusText}", reply.Body, string.Empty);
    }
}
