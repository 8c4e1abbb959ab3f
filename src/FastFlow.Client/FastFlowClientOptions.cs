using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FastFlow.Client;

/// <summary>Where a <see cref="FastFlowClient"/> connects and how it authenticates.</summary>
public sealed record FastFlowClientOptions
{
    /// <summary>The port <c>fastflow serve</c> listens on unless told otherwise.</summary>
    public const int DefaultPort = 7400;

    /// <summary>The server's host: an IP address ("127.0.0.1", "::1") or a name ("localhost").</summary>
    public required string Host { get; init; }

    /// <summary>The server's TCP port; 7400 by default.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The server's token, sent in the handshake; null for a server started with
    /// <c>--insecure-no-auth</c>.</summary>
    public string? Token { get; init; }

    /// <summary>How long connecting and the handshake may take together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After a lost connection, the next call connects again (handshake included)
    /// instead of failing. On by default.</summary>
    public bool Reconnect { get; init; } = true;

    /// <summary>Free text naming this client in the server's log; empty sends none.</summary>
    public string ClientName { get; init; } = "fastflow-dotnet";

    /// <summary>Reads a server address: <c>host:port</c>, <c>[::1]:7400</c>, a bare host (port
    /// 7400) or a bare IPv6 address.</summary>
    /// <param name="endpoint">The address, as a user typed it (<c>--server</c>, <c>FASTFLOW_SERVER</c>).</param>
    /// <param name="token">The token to authenticate with, or null.</param>
    /// <exception cref="FormatException">The address is empty, its port is not a number from 1 to
    /// 65535, or its brackets do not match; the message says which and shows the right form.</exception>
    public static FastFlowClientOptions Parse(string endpoint, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.Trim();
        if (text.Length == 0)
        {
            throw BadEndpoint(endpoint, "it is empty");
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            throw BadEndpoint(endpoint, "it has a scheme; give only the host and port");
        }

        string host;
        string? portText = null;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw BadEndpoint(endpoint, "the '[' before the IPv6 address has no closing ']'");
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    throw BadEndpoint(endpoint, $"'{rest}' after ']' is not ':' and a port");
                }

                portText = rest[1..];
            }

            if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw BadEndpoint(endpoint, $"'{host}' in brackets is not an IPv6 address");
            }
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
            {
                // Several colons: a bare IPv6 address, which cannot carry a port without brackets.
                if (!IPAddress.TryParse(text, out _))
                {
                    throw BadEndpoint(endpoint, "it has several ':' but is not an IPv6 address (put an IPv6 address in brackets before its port: [::1]:7400)");
                }

                host = text;
            }
            else if (colon >= 0)
            {
                host = text[..colon];
                portText = text[(colon + 1)..];
            }
            else
            {
                host = text;
            }
        }

        if (host.Length == 0)
        {
            throw BadEndpoint(endpoint, "the host before the port is empty");
        }

        if (host.Any(char.IsWhiteSpace))
        {
            throw BadEndpoint(endpoint, $"the host '{host}' contains a space");
        }

        var port = DefaultPort;
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw BadEndpoint(endpoint, $"the port '{portText}' is not a number from 1 to 65535");
        }

        return new FastFlowClientOptions { Host = host, Port = port, Token = token };
    }

    /// <summary>The address as <c>host:port</c> (IPv6 in brackets), for messages.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static FormatException BadEndpoint(string endpoint, string why) => new(
        $"The server address '{endpoint}' is not valid: {why}. Write it as host:port, such as 127.0.0.1:7400, localhost:7400 or [::1]:7400 (the port defaults to {DefaultPort}).");
}
