using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Connections;

/// <summary>The read loop: cuts frames off the input pipe, runs the handshake, answers pings and
/// hands requests to the dispatcher. Every error about a frame becomes an error frame; the fatal
/// ones (<see cref="ErrorCodes.IsFatal"/>, and any failure before the handshake) close the connection.</summary>
internal sealed partial class ServerConnection
{
    /// <summary>Set once the hello has been accepted. Read by the sweeper.</summary>
    private volatile bool _authenticated;

    /// <summary>Why the read loop ended.</summary>
    private enum ReadLoopEnd
    {
        /// <summary>The client's end of stream (possibly mid-frame or with requests in flight).</summary>
        ClientGone,

        /// <summary>The connection is closing (a fatal error, a timeout, the client gone while sending).</summary>
        Closing,

        /// <summary>The server is stopping: no more requests are taken.</summary>
        Draining,
    }

    /// <summary>Reads and handles frames, one after the other, until the connection ends. Handling
    /// a request means handing it to the dispatcher, which returns once it is under way (a long
    /// wait replies later), so requests are pipelined. Never throws.</summary>
    private async Task<ReadLoopEnd> ReadLoopAsync()
    {
        var reader = _input.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (true)
                    {
                        if (IsClosing)
                        {
                            return ReadLoopEnd.Closing;
                        }

                        if (_draining)
                        {
                            return ReadLoopEnd.Draining;
                        }

                        var limit = _authenticated ? _settings.Options.MaxFrameBytes : _settings.Options.MaxHandshakeFrameBytes;
                        var status = FrameReader.TryRead(ref buffer, limit, out var frame);
                        if (status == FrameReadStatus.Frame)
                        {
                            Volatile.Write(ref _frameStartedAt, 0);
                            // While more frames of this read follow, replies written as this
                            // thread handles them synchronously are not flushed yet: the reply to
                            // the read's last frame flushes them all, so pipelined requests cost one
                            // send system call, not one each. A handler that waits flushes first.
                            _coalescingThread = buffer.IsEmpty ? 0 : Environment.CurrentManagedThreadId;
                            ValueTask<bool> handling;
                            try
                            {
                                handling = HandleFrameAsync(frame);
                            }
                            finally
                            {
                                _coalescingThread = 0;
                            }

                            if (!handling.IsCompleted)
                            {
                                await FlushCoalescedAsync().ConfigureAwait(false);
                            }

                            if (!await handling.ConfigureAwait(false))
                            {
                                return ReadLoopEnd.Closing;
                            }

                            continue;
                        }

                        await FlushCoalescedAsync().ConfigureAwait(false);
                        if (status != FrameReadStatus.Incomplete)
                        {
                            await RejectFrameAsync(status, frame.Header, limit).ConfigureAwait(false);
                            return ReadLoopEnd.Closing;
                        }

                        break;
                    }

                    if (result.IsCompleted)
                    {
                        if (!buffer.IsEmpty)
                        {
                            ServerLog.EndedMidFrame(_settings.Logger, ConnectionId, buffer.Length);
                        }

                        return ReadLoopEnd.ClientGone;
                    }

                    if (!buffer.IsEmpty && Volatile.Read(ref _frameStartedAt) == 0)
                    {
                        Volatile.Write(ref _frameStartedAt, _settings.Time.GetTimestamp());
                    }
                }
                finally
                {
                    Interlocked.Add(ref _consumedBytes, result.Buffer.Length - buffer.Length);
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (Exception exception)
        {
            ServerLog.ConnectionFailed(_settings.Logger, ConnectionId, exception);
            return ReadLoopEnd.Closing;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Handles one whole frame; returns false when the connection is closing because of it.
    /// The frame's payload is only valid until the first await: everything that reads it runs before.</summary>
    private ValueTask<bool> HandleFrameAsync(Frame frame)
    {
        if (!_authenticated)
        {
            return HandshakeAsync(frame);
        }

        var requestId = frame.RequestId;
        if (frame.Type == MessageType.Ping && frame.Payload.IsEmpty && frame.Header.Flags == FrameFlags.None)
        {
            // The fast path: a ping is answered here, without decoding or allocating.
            return Continue(Send(PongMessage.Instance, requestId, FrameFlags.None, endsRequest: false));
        }

        if ((byte)frame.Type >= 0x80)
        {
            return Continue(SendOwnErrorAsync(requestId, ErrorCode.UnknownMessage,
                $"Type 0x{(byte)frame.Type:x2} ({MessageCodec.NameOf(frame.Type)}) is sent by the server only; requests have types below 0x80 (docs/protocol.md)."));
        }

        Message message;
        try
        {
            message = MessageCodec.Decode(frame, _settings.Limits);
        }
        catch (ProtocolException exception)
        {
            var fatal = ErrorCodes.IsFatal(exception.Code);
            var sent = SendOwnErrorAsync(requestId, exception.Code, exception.Message);
            return fatal ? Stop(sent) : Continue(sent);
        }

        return message switch
        {
            PingMessage => Continue(Send(PongMessage.Instance, requestId, FrameFlags.None, endsRequest: false)),
            HelloMessage => Continue(SendOwnErrorAsync(requestId, ErrorCode.InvalidRequest,
                "This connection has already completed its handshake; hello is sent once, as the first frame.")),
            _ => DispatchAsync(message, requestId),
        };
    }

    /// <summary>Hands a request to the dispatcher. A handler that throws gets an internal error
    /// reply; the connection stays usable.</summary>
    private async ValueTask<bool> DispatchAsync(Message message, uint requestId)
    {
        switch (BeginRequest(requestId))
        {
            case RequestAdmission.Draining:
                // Not taken: the shutting_down error that ends the connection tells the client.
                return true;
            case RequestAdmission.Duplicate:
                await SendOwnErrorAsync(requestId, ErrorCode.DuplicateRequest,
                    $"Request id {requestId} belongs to a request still in flight on this connection; give each request in flight its own id.").ConfigureAwait(false);
                return true;
        }

        try
        {
            await _settings.Dispatcher.DispatchAsync(message, requestId, this).ConfigureAwait(false);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && IsClosing))
        {
            ServerLog.DispatchFailed(_settings.Logger, ConnectionId, message.ToString(), requestId, exception);
            await SendErrorAsync(requestId, ErrorCode.Internal,
                $"The server failed while handling {message} (request {requestId}): {exception.Message}").ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The first frame: it must be a hello with protocol 1 and the server's token. Any
    /// failure is fatal (the connection was never let in) and nothing of the frame is dispatched.</summary>
    private async ValueTask<bool> HandshakeAsync(Frame frame)
    {
        var requestId = frame.RequestId;
        if (frame.Type != MessageType.Hello)
        {
            await CloseAsync(ErrorCode.NotAuthenticated, requestId,
                $"The first frame must be hello (type 0x01) with protocol 1 and the server's token; this one is {MessageCodec.NameOf(frame.Type)} (0x{(byte)frame.Type:x2}). Nothing else is accepted before the handshake.").ConfigureAwait(false);
            return false;
        }

        HelloMessage hello;
        try
        {
            hello = (HelloMessage)MessageCodec.Decode(frame, _settings.HandshakeLimits);
        }
        catch (ProtocolException exception)
        {
            await CloseAsync(exception.Code, requestId, $"{exception.Message} (in the hello: the handshake failed)").ConfigureAwait(false);
            return false;
        }

        if (hello.Protocol != FrameHeader.CurrentVersion)
        {
            await CloseAsync(ErrorCode.UnsupportedVersion, requestId,
                $"The hello asks for protocol {hello.Protocol}; this server speaks protocol {FrameHeader.CurrentVersion} only.").ConfigureAwait(false);
            return false;
        }

        if (!_settings.TokenMatches(hello.Token))
        {
            await CloseAsync(ErrorCode.BadToken, requestId, hello.Token is null
                ? "The hello has no token and this server requires one: pass the token `fastflow serve` printed (or was given with --token / --token-file), e.g. with --token or FASTFLOW_TOKEN."
                : "The hello's token is not this server's token: pass the token `fastflow serve` printed (or was given with --token / --token-file), e.g. with --token or FASTFLOW_TOKEN.").ConfigureAwait(false);
            return false;
        }

        _authenticated = true;
        ServerLog.Authenticated(_settings.Logger, ConnectionId, hello.Client);
        var options = _settings.Options;
        await Send(new WelcomeMessage
        {
            Protocol = FrameHeader.CurrentVersion,
            Server = options.ServerName,
            ConnectionId = ConnectionId,
            MaxFrame = options.MaxFrameBytes,
            MaxDepth = options.MaxDepth,
        }, requestId, FrameFlags.None, endsRequest: false).ConfigureAwait(false);
        return true;
    }

    /// <summary>Answers a frame the reader could not cut (request id 0: the header is not
    /// trustworthy); each of these ends the connection.</summary>
    private Task RejectFrameAsync(FrameReadStatus status, FrameHeader header, int limit)
    {
        var (code, message) = status switch
        {
            FrameReadStatus.TooLarge => (ErrorCode.FrameTooLarge, _authenticated
                ? $"The frame's length prefix says {header.Length} bytes; this server accepts at most {limit} (max_frame in welcome). Send less per request, or compress the payload (flag 0x01)."
                : $"The frame's length prefix says {header.Length} bytes; before the handshake this server accepts at most {limit} (only hello is accepted then)."),
            FrameReadStatus.TooShort => (ErrorCode.BadFrame,
                "The frame's length prefix is less than 7: it counts the version, type, flags and request id bytes after it (7) plus the payload."),
            _ => (ErrorCode.UnsupportedVersion,
                $"The frame's version byte (the fifth byte) is {header.Version}; this server speaks protocol version {FrameHeader.CurrentVersion}."),
        };
        return CloseAsync(code, 0, message);
    }

    private static ValueTask<bool> Continue(ValueTask sent)
    {
        if (!sent.IsCompletedSuccessfully)
        {
            return ContinueAfterAsync(sent);
        }

        // Consumed once, as a ValueTask must be (its source may be pooled).
        sent.GetAwaiter().GetResult();
        return new ValueTask<bool>(true);
    }

    private static async ValueTask<bool> ContinueAfterAsync(ValueTask sent)
    {
        await sent.ConfigureAwait(false);
        return true;
    }

    private static async ValueTask<bool> Stop(ValueTask sent)
    {
        await sent.ConfigureAwait(false);
        return false;
    }
}
