using System.Net;

namespace FastFlow.Actions.Http;

/// <summary>The one <see cref="HttpClient"/> of <c>api_call</c> and HTTP agents: pooled connections
/// shared by every task, recycled every few minutes so that DNS changes are seen. Timeouts are per
/// request (the attempt's token and <c>timeout_seconds</c>), never the client's.</summary>
internal static class SharedHttpClient
{
    public static HttpClient Instance { get; } = Create();

    private static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("FastFlow/" + typeof(SharedHttpClient).Assembly.GetName().Version?.ToString(3));
        return client;
    }
}
