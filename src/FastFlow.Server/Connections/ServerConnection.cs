using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Server.Requests;

namespace FastFlow.Server.Connections;

/// <summary>One client connection. Three loops share it: the receive loop fills the input pipe
/// from the socket, the read loop cuts frames off the input pipe and handles them one after the
/// other (without waiting for replies: requests are pipelined, replies may leave out of order),
/// and the send loop drains the output pipe into the socket. Replies from any thread go through
/// <see cref="IReplyChannel"/>, serialized by one async gate.</summary>
/// <remarks>
/// <para>Back-pressure: the output pipe pauses its writers at <c>OutputPauseBytes</c>, so a reply
/// to a client that does not read waits in its flush, the read loop stops taking requests, the
/// input pipe fills up to its threshold and the receive loop stops reading the socket. The
/// connection's memory stays bounded by the two thresholds.</para>
/// <para>Closing: <see cref="CloseAsync"/> is idempotent. The first closer cancels <see cref="Closed"/>
/// (the dispatcher drops the connection's waits and subscriptions), wakes a sender blocked on
/// back-pressure and the read loop, writes its error frame (if any) and completes the output. The
/// send loop sends what is left and half-closes the socket; the receive loop reads and drops
/// bytes until the client's end of stream (closing with unread bytes would reset the connection
/// and could destroy the error frame before the client reads it); each wait is bounded by
/// <see cref="CloseLinger"/>.</para>
/// </remarks>
internal sealed partial class ServerConnection : IReplyChannel
{
    /// <summary>How long a closing connection waits for its last bytes to leave, and then for the
    /// client's end of stream, before the socket is dropped.</summary>
    internal static readonly TimeSpan CloseLinger = TimeSpan.FromSeconds(1);

    /// <summary>The client's socket.</summary>
    private readonly Socket _socket;

    /// <summary>What all connections of the server share.</summary>
    private readonly ConnectionSettings _settings;

    /// <summary>Bytes received and not yet cut into frames.</summary>
    private readonly Pipe _input;

    /// <summary>Frames written and not yet sent.</summary>
    private readonly Pipe _output;

    /// <summary>Cancelled when the connection starts closing; <see cref="Closed"/> is its token.</summary>
    private readonly CancellationTokenSource _closedSource = new();

    /// <summary>Completed when the connection starts closing (a draining connection waits on it).</summary>
    private readonly TaskCompletionSource _closeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When the socket was accepted (time provider timestamp), for the handshake timeout.</summary>
    private readonly long _openedAt;

    /// <summary>1 once the connection has started closing.</summary>
    private int _closing;

    /// <summary>The error frame of the first closer, written as the last frame.</summary>
    private FinalError? _finalError;

    /// <summary>Bytes received from the socket (written by the receive loop).</summary>
    private long _receivedBytes;

    /// <summary>Bytes cut into frames by the read loop.</summary>
    private long _consumedBytes;

    /// <summary>Bytes of frames written to the output pipe.</summary>
    private long _writtenBytes;

    /// <summary>Bytes handed to the socket by the send loop.</summary>
    private long _sentBytes;

    /// <summary>Creates a connection over an accepted socket; <see cref="RunAsync"/> serves it.</summary>
    public ServerConnection(Socket socket, string connectionId, ConnectionSettings settings)
    {
        _socket = socket;
        _settings = settings;
        ConnectionId = connectionId;
        RemoteEndPoint = socket.RemoteEndPoint;
        _input = new Pipe(settings.InputPipe);
        _output = new Pipe(settings.OutputPipe);
        _openedAt = settings.Time.GetTimestamp();
        Closed = _closedSource.Token;
    }

    /// <inheritdoc/>
    public string ConnectionId { get; }

    /// <inheritdoc/>
    public CancellationToken Closed { get; }

    /// <summary>The client's address.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The task of <see cref="RunAsync"/> as the server runs it (with its bookkeeping).</summary>
    internal Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>Whether the connection has started closing.</summary>
    internal bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Request bytes received and not yet handled: bounded by the input pipe's threshold
    /// plus one socket read.</summary>
    internal long BufferedInputBytes => Interlocked.Read(ref _receivedBytes) - Interlocked.Read(ref _consumedBytes);

    /// <summary>Reply bytes written and not yet sent: bounded by <c>OutputPauseBytes</c> plus one frame.</summary>
    internal long BufferedOutputBytes => Interlocked.Read(ref _writtenBytes) - Interlocked.Read(ref _sentBytes);

    /// <summary>Serves the connection until it closes; never throws.</summary>
    public async Task RunAsync()
    {
        ServerLog.Opened(_settings.Logger, ConnectionId, RemoteEndPoint);
        var receiving = ReceiveLoopAsync();
        var sending = SendLoopAsync();
        try
        {
            var end = await ReadLoopAsync().ConfigureAwait(false);
            if (end == ReadLoopEnd.Draining)
            {
                // The server sends shutting_down and closes us once the replies in flight are out.
                await _closeStarted.Task.ConfigureAwait(false);
            }

            await CloseAsync(null, 0, null).ConfigureAwait(false);
            await WaitBoundedAsync(sending).ConfigureAwait(false);
            await WaitBoundedAsync(receiving).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ServerLog.ConnectionFailed(_settings.Logger, ConnectionId, exception);
        }
        finally
        {
            // Completing the output first ends the send loop even if the close above never ran;
            // dropping the socket ends a send or receive still waiting on the client.
            await CloseAsync(null, 0, null).ConfigureAwait(false);
            _socket.Dispose();
            await receiving.ConfigureAwait(false);
            await sending.ConfigureAwait(false);
            ServerLog.Closed(_settings.Logger, ConnectionId, Interlocked.Read(ref _receivedBytes), Interlocked.Read(ref _sentBytes));
        }
    }

    /// <summary>Closes the connection: the first caller's error frame (if <paramref name="code"/> is
    /// given) is the last frame sent. Never throws; later calls only wait for the output to be completed.</summary>
    internal async Task CloseAsync(ErrorCode? code, uint requestId, string? message)
    {
        MarkClosing(code is { } error ? new FinalError(error, requestId, message ?? ErrorCodes.Name(error)) : null);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_outputCompleted)
            {
                return;
            }

            _outputCompleted = true;
            if (_finalError is { } final)
            {
                ServerLog.ClosedWithError(_settings.Logger, ConnectionId, final.Code, final.Message);
                WriteFrame(ErrorFrames.Create(final.Code, final.Message, fatal: true), final.RequestId, FrameFlags.None);
                var flush = _output.Writer.FlushAsync();
                if (!flush.IsCompleted)
                {
                    // The frame is committed; the send loop sends it if the client ever reads. Not
                    // waiting here keeps a client that does not read from holding the close.
                    _output.Writer.CancelPendingFlush();
                }

                await flush.ConfigureAwait(false);
            }

            await _output.Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ServerLog.ConnectionFailed(_settings.Logger, ConnectionId, exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts closing: returns true for the first caller only, whose
    /// <paramref name="finalError"/> is kept as the connection's last frame (whoever completes the
    /// output writes it: waking the read loop may run its own close first). Wakes everything that
    /// could be waiting on the client, so each loop sees the flag and ends.</summary>
    private bool MarkClosing(FinalError? finalError = null)
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0)
        {
            return false;
        }

        // Set before anything is woken; closers that were woken read it under the gate. A closer
        // racing in on its own (the client gone at the same moment) may miss it, which loses
        // nothing: the client is not there to read it.
        _finalError = finalError;
        _closeStarted.TrySetResult();
        // A sender blocked on back-pressure returns (its flush is cancelled) and later senders see
        // _closing under the gate; the read loop's pending read returns cancelled.
        _output.Writer.CancelPendingFlush();
        _input.Reader.CancelPendingRead();
        lock (_requestsLock)
        {
            _drained?.TrySetResult();
        }

        try
        {
            _closedSource.Cancel();
        }
        catch (AggregateException exception)
        {
            // A handler's cancellation callback failed; the connection closes regardless.
            ServerLog.ConnectionFailed(_settings.Logger, ConnectionId, exception);
        }

        return true;
    }

    /// <summary>The error a closing connection sends last.</summary>
    private sealed record FinalError(ErrorCode Code, uint RequestId, string Message);

    /// <summary>Waits for one of the connection's loops, at most <see cref="CloseLinger"/>.</summary>
    private async Task WaitBoundedAsync(Task loop)
    {
        try
        {
            await loop.WaitAsync(CloseLinger, _settings.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The client neither reads nor closes: the socket is dropped.
        }
    }
}
