using System.Net.Sockets;

namespace FastFlow.Server.Connections;

/// <summary>The socket side: the receive loop (socket to input pipe) and the send loop (output
/// pipe to socket).</summary>
internal sealed partial class ServerConnection
{
    /// <summary>The smallest buffer handed to one socket receive.</summary>
    private const int MinimumReceiveBytes = 4096;

    /// <summary>Completed the first time the input pipe is full and the receive loop stops reading
    /// the socket (tests wait on it to see back-pressure).</summary>
    private readonly TaskCompletionSource _inputPaused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes the first time the connection stops reading its socket because its
    /// requests are not being handled fast enough (the client is not reading its replies).</summary>
    internal Task FirstInputPause => _inputPaused.Task;

    /// <summary>Reads the socket into the input pipe until the client's end of stream or the socket
    /// is closed; waits while the pipe is over its threshold. Once the read loop has finished,
    /// reads and drops bytes until the client closes. Never throws.</summary>
    private async Task ReceiveLoopAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(MinimumReceiveBytes);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                writer.Advance(received);
                Interlocked.Add(ref _receivedBytes, received);
                var flush = writer.FlushAsync();
                if (!flush.IsCompleted)
                {
                    _inputPaused.TrySetResult();
                }

                var result = await flush.ConfigureAwait(false);
                if (result.IsCompleted)
                {
                    await DiscardUntilEndAsync().ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client reset the connection or the server dropped the socket: nothing can reach
            // the client any more, so its requests and waits end now. (A clean end of stream is
            // different: the client may have half-closed and still read the replies to the
            // requests it sent, so the read loop handles those first.)
            MarkClosing();
        }
        catch (Exception exception)
        {
            ServerLog.ConnectionFailed(_settings.Logger, ConnectionId, exception);
            MarkClosing();
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads and drops what the client still sends after the connection stopped reading
    /// requests, until its end of stream.</summary>
    private async Task DiscardUntilEndAsync()
    {
        var scratch = new byte[MinimumReceiveBytes];
        while (await _socket.ReceiveAsync(scratch.AsMemory(), SocketFlags.None).ConfigureAwait(false) > 0)
        {
        }
    }

    /// <summary>Sends what the output pipe holds until the pipe is completed, then half-closes the
    /// socket so the client reads the end of stream after the last frame. A send failure (the
    /// client is gone) closes the connection. Never throws.</summary>
    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    var remaining = segment;
                    while (!remaining.IsEmpty)
                    {
                        var sent = await _socket.SendAsync(remaining, SocketFlags.None).ConfigureAwait(false);
                        remaining = remaining[sent..];
                    }
                }

                Interlocked.Add(ref _sentBytes, buffer.Length);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    _socket.Shutdown(SocketShutdown.Send);
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone: nothing more can reach it.
            MarkClosing();
        }
        catch (Exception exception)
        {
            ServerLog.ConnectionFailed(_settings.Logger, ConnectionId, exception);
            MarkClosing();
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
