using FastFlow.Cli.Commands;
using FastFlow.Client;

namespace FastFlow.Cli.Remote;

/// <summary>The server a remote command talks to (<c>HOST:PORT</c>, <c>[::1]:7400</c>, or a bare
/// host for port 7400) and the token to present, with where the address came from for messages.</summary>
/// <param name="Options">How the client connects.</param>
/// <param name="Source">Where the address came from: <c>--server</c> or the variable's name.</param>
internal sealed record ServerAddress(FastFlowClientOptions Options, string Source)
{
    /// <summary>The CLI names itself so in the server's log.</summary>
    private const string ClientName = "fastflow-cli";

    /// <summary><c>HOST:PORT</c>, as messages and suggested commands show it.</summary>
    public string Display => Options.ToString();

    /// <summary>What to add to a suggested command so that it asks the same server.</summary>
    public string Option => " --server " + Display;

    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <param name="text">The address.</param>
    /// <param name="token">The token, when one was given.</param>
    /// <param name="source">Where the address came from: <c>--server</c> or the variable's name.</param>
    /// <exception cref="CommandFailedException">It is not an address.</exception>
    public static ServerAddress Parse(string text, string? token, string source)
    {
        try
        {
            // A command is one call or a few: a lost connection is reported, not retried behind the user's back.
            var options = FastFlowClientOptions.Parse(text, token) with { Reconnect = false, ClientName = ClientName };
            return new ServerAddress(options, source);
        }
        catch (FormatException exception)
        {
            throw new CommandFailedException(
                $"{source}: {exception.Message}",
                $"give the address `fastflow serve` printed, e.g. {source}{(source.StartsWith('-') ? " " : "=")}127.0.0.1:7400");
        }
    }

    /// <summary>What is wrong with <paramref name="text"/> as an address, or null when nothing.</summary>
    public static string? Problem(string text)
    {
        try
        {
            FastFlowClientOptions.Parse(text);
            return null;
        }
        catch (FormatException exception)
        {
            return exception.Message;
        }
    }
}
