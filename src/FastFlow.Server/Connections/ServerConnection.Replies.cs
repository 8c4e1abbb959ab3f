using System.IO.Pipelines;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Connections;

/// <summary>The reply side (<see cref="Requests.IReplyChannel"/>): frames written into the output
/// pipe under one async gate, so frames from the read loop, run completions and subscription
/// pumps never interleave.</summary>
internal sealed partial class ServerConnection
{
    /// <summary>Serializes writes and flushes of the output pipe. Held across a flush that waits on
    /// back-pressure, so later senders queue behind a client that does not read.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Encodes frames; one per connection, used only under <see cref="_gate"/>, so a small
    /// reply allocates nothing once warm.</summary>
    private readonly FrameWriter _frameWriter = new();

    /// <summary>Set under <see cref="_gate"/> once the output pipe is completed; nothing is written after.</summary>
    private bool _outputCompleted;

    /// <summary>The managed thread id of the read loop while it handles a frame synchronously with
    /// more frames of the same read behind it (0 otherwise): replies written on that thread then
    /// are written without a flush, and the loop flushes them together.</summary>
    private int _coalescingThread;

    /// <summary>Set under <see cref="_gate"/> when a reply was written without its flush.</summary>
    private bool _flushPending;

    /// <inheritdoc/>
    public ValueTask SendAsync(Message message, uint requestId, FrameFlags flags = FrameFlags.None)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Send(message, requestId, flags, endsRequest: true);
    }

    /// <inheritdoc/>
    public ValueTask SendErrorAsync(uint requestId, ErrorCode code, string message, IReadOnlyList<Diagnostic>? details = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendError(requestId, code, message, details, endsRequest: true);
    }

    /// <summary>An error the connection sends itself about a frame it did not dispatch (so it ends
    /// no request in flight); a fatal code closes the connection.</summary>
    private ValueTask SendOwnErrorAsync(uint requestId, ErrorCode code, string message) =>
        SendError(requestId, code, message, details: null, endsRequest: false);

    private ValueTask SendError(uint requestId, ErrorCode code, string message, IReadOnlyList<Diagnostic>? details, bool endsRequest)
    {
        if (ErrorCodes.IsFatal(code))
        {
            return new ValueTask(CloseAsync(code, requestId, message));
        }

        ServerLog.ProtocolError(_settings.Logger, ConnectionId, code, message);
        return Send(ErrorFrames.Create(code, message, fatal: false, details), requestId, FrameFlags.None, endsRequest);
    }

    /// <summary>Writes and flushes one frame. The fast path (gate free, flush under the threshold)
    /// completes synchronously and allocates nothing.</summary>
    /// <param name="message">The message; null only flushes the replies written without a flush.</param>
    /// <param name="requestId">The request id the frame carries.</param>
    /// <param name="flags">The frame's flags.</param>
    /// <param name="endsRequest">Whether a non-push frame with this id is the reply that ends a
    /// request in flight (replies from handlers); false for frames the connection answers itself.</param>
    private ValueTask Send(Message? message, uint requestId, FrameFlags flags, bool endsRequest)
    {
        if (!_gate.Wait(0))
        {
            return SendAfterGateAsync(message, requestId, flags, endsRequest);
        }

        ValueTask<FlushResult> flush;
        try
        {
            flush = WriteAndFlush(message, requestId, flags, endsRequest);
        }
        catch
        {
            _gate.Release();
            throw;
        }

        if (flush.IsCompleted)
        {
            try
            {
                _ = flush.GetAwaiter().GetResult();
            }
            finally
            {
                _gate.Release();
            }

            return default;
        }

        return ReleaseAfterFlushAsync(flush);
    }

    private async ValueTask SendAfterGateAsync(Message? message, uint requestId, FrameFlags flags, bool endsRequest)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await WriteAndFlush(message, requestId, flags, endsRequest).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask ReleaseAfterFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Under the gate: writes the frame (if any) and starts its flush, or does nothing
    /// once the connection is closing (sends after close complete without sending).</summary>
    private ValueTask<FlushResult> WriteAndFlush(Message? message, uint requestId, FrameFlags flags, bool endsRequest)
    {
        if (_outputCompleted || IsClosing)
        {
            return default;
        }

        if (message is null)
        {
            if (!_flushPending)
            {
                return default;
            }
        }
        else
        {
            WriteFrame(message, requestId, flags);
            if (endsRequest && requestId != 0 && (flags & FrameFlags.Push) == 0)
            {
                EndRequest(requestId);
            }

            // Deferred only while what waits to be sent is under the output threshold: past it the
            // flush below waits for the client, which is the back-pressure on the read loop.
            if (_coalescingThread != 0 && _coalescingThread == Environment.CurrentManagedThreadId
                && BufferedOutputBytes < _settings.Options.OutputPauseBytes)
            {
                _flushPending = true;
                return default;
            }
        }

        _flushPending = false;
        return _output.Writer.FlushAsync();
    }

    /// <summary>Flushes the replies the read loop wrote without a flush (see <see cref="_coalescingThread"/>),
    /// waiting, as any flush does, while the client is not reading.</summary>
    private ValueTask FlushCoalescedAsync() =>
        // Only the read loop defers, and it reads this on its own turn; a sender that flushed in
        // between cleared it under the gate, and the flush under the gate checks it again.
        Volatile.Read(ref _flushPending) ? Send(null, 0, FrameFlags.None, endsRequest: false) : default;

    /// <summary>Under the gate: encodes one frame into the output pipe.</summary>
    private void WriteFrame(Message message, uint requestId, FrameFlags flags)
    {
        var written = _frameWriter.Write(_output.Writer, message, requestId, flags);
        Interlocked.Add(ref _writtenBytes, written);
    }
}
