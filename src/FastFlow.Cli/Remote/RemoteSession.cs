using FastFlow.Cli.Commands;
using FastFlow.Client;
using FastFlow.Protocol;

namespace FastFlow.Cli.Remote;

/// <summary>A remote command's time with a server: one connection, closed at the end, and every
/// failure of the connection or refusal of the server turned into a message for people with the
/// exit code of DESIGN §7 (5 when the server cannot be reached or refuses the token).</summary>
internal static class RemoteSession
{
    /// <summary>Connects to <paramref name="server"/> and runs <paramref name="act"/>.</summary>
    /// <param name="server">The server.</param>
    /// <param name="act">The command's work; its result is the exit code.</param>
    /// <param name="context">What the request concerns, for the messages of its refusals.</param>
    /// <exception cref="CommandFailedException">The connection failed or the server refused a request.</exception>
    public static async Task<int> RunAsync(ServerAddress server, Func<FastFlowClient, Task<int>> act, RequestContext? context = null)
    {
        try
        {
            var client = await FastFlowClient.ConnectAsync(server.Options, CancellationToken.None).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                return await act(client).ConfigureAwait(false);
            }
        }
        catch (FastFlowConnectionException exception)
        {
            throw Unreachable(server, exception);
        }
        catch (FastFlowServerException exception)
        {
            throw ServerRefusals.ToFailure(exception, server, context ?? RequestContext.None);
        }
    }

    private static CommandFailedException Unreachable(ServerAddress server, FastFlowConnectionException exception)
    {
        var from = server.Source == "--server" ? string.Empty : $" (from {server.Source})";
        return exception.Code switch
        {
            ErrorCode.BadToken or ErrorCode.NotAuthenticated => new CommandFailedException(
                // The hint says how to fix it; the server's own wording would only say it again.
                $"the server at {server.Display}{from} refused the token",
                server.Options.Token is null
                    ? $"pass the token `fastflow serve` printed, with --token TOKEN or {RemoteOptions.TokenVariable}=TOKEN"
                    : $"check --token (or {RemoteOptions.TokenVariable}): it must be the token the server was started with (`fastflow serve` printed it, or --token-file holds it)",
                ExitCodes.ServerUnavailable),
            ErrorCode.TooManyConnections or ErrorCode.ShuttingDown => new CommandFailedException(
                $"the server at {server.Display}{from} did not take the connection: {exception.Message}",
                "try again in a moment; `fastflow health" + server.Option + "` shows its connections",
                ExitCodes.ServerUnavailable),
            _ => new CommandFailedException(
                $"cannot reach a FastFlow server at {server.Display}{from}: {exception.Message}",
                $"check that `fastflow serve` runs there and listens on that address and port (--server or {RemoteOptions.ServerVariable}), " +
                "and that no firewall is in between",
                ExitCodes.ServerUnavailable),
        };
    }
}
