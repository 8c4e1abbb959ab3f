using System.Net;

namespace FastFlow.Server;

/// <summary>How a <c>FastFlowServer</c> listens, authenticates and bounds its clients.</summary>
public sealed record FastFlowServerOptions
{
    /// <summary>Where to listen. Loopback port 7400 by default; port 0 picks a free port.</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 7400);

    /// <summary>The token every client must send in its hello. Required unless
    /// <see cref="AllowUnauthenticated"/> is set.</summary>
    public string? Token { get; init; }

    /// <summary>Accept clients without a token. Off by default; `fastflow serve` turns it on only
    /// for <c>--insecure-no-auth</c>.</summary>
    public bool AllowUnauthenticated { get; init; }

    /// <summary>Open connections allowed; one more is refused with an error frame.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>The largest frame length (the length prefix's value) accepted after the handshake.</summary>
    public int MaxFrameBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest frame accepted before the handshake has succeeded.</summary>
    public int MaxHandshakeFrameBytes { get; init; } = 16 * 1024;

    /// <summary>The deepest nesting of maps and arrays accepted in a payload.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>How long a new connection has to complete the handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a frame may take to arrive once its first byte has (a client trickling
    /// bytes is dropped after this).</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Events held for one subscriber before it is dropped as too slow.</summary>
    public int SubscriberBuffer { get; init; } = 4096;

    /// <summary>Unread request bytes buffered per connection before the server stops reading
    /// from its socket (back-pressure on the client).</summary>
    public long InputPauseBytes { get; init; } = 1024 * 1024;

    /// <summary>Unsent reply bytes buffered per connection before the server stops taking its
    /// requests (back-pressure on a client that does not read).</summary>
    public long OutputPauseBytes { get; init; } = 1024 * 1024;

    /// <summary>Actions definitions may not use on this server (exec and file_operation unless
    /// configured); a definition naming one is refused when registered or submitted.</summary>
    public IReadOnlySet<string> RefusedActions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The server's name and version, sent in welcome and health.</summary>
    public string ServerName { get; init; } = "fastflow/" + (typeof(FastFlowServerOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>What health reports as the durability: none, batched or immediate.</summary>
    public string Durability { get; init; } = "none";
}
