using System.Net.Sockets;

namespace FastFlow.Server.Connections;

/// <summary>Turns away a socket accepted over the connection limit: one error frame, then close.</summary>
internal static class ConnectionRefusal
{
    /// <summary>Refusals that may linger at once for the client's end of stream; past this a
    /// refused socket is closed right after its error frame (a flood of connections cannot make
    /// the server hold many sockets open).</summary>
    private const int MaxLingering = 64;

    /// <summary>Refusals lingering now.</summary>
    private static int s_lingering;

    /// <summary>Sends <paramref name="errorFrame"/> and closes the socket. Reads and drops what the
    /// client sent until its end of stream (at most <see cref="ServerConnection.CloseLinger"/>):
    /// closing with unread bytes would reset the connection and could destroy the error frame
    /// before the client reads it. Never throws.</summary>
    public static async Task RefuseAsync(Socket socket, ReadOnlyMemory<byte> errorFrame, TimeProvider time)
    {
        var lingering = Interlocked.Increment(ref s_lingering) <= MaxLingering;
        try
        {
            using (socket)
            {
                await socket.SendAsync(errorFrame, SocketFlags.None).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
                if (lingering)
                {
                    using var linger = new CancellationTokenSource(ServerConnection.CloseLinger, time);
                    var scratch = new byte[512];
                    while (await socket.ReceiveAsync(scratch.AsMemory(), SocketFlags.None, linger.Token).ConfigureAwait(false) > 0)
                    {
                    }
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or did not close in time; the socket is closed either way.
        }
        finally
        {
            Interlocked.Decrement(ref s_lingering);
        }
    }
}
