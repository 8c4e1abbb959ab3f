using System.Buffers;
using System.Net;
using System.Net.Sockets;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;

namespace FastFlow.Server.Tests.Support;

/// <summary>A frame as received: its header and its decoded message.</summary>
internal sealed record ReceivedFrame(FrameHeader Header, Message Message)
{
    /// <summary>The request id.</summary>
    public uint RequestId => Header.RequestId;

    /// <summary>The message as an error (fails the test when it is something else).</summary>
    public ErrorMessage Error => Assert.IsType<ErrorMessage>(Message);
}

/// <summary>A client socket that speaks the protocol byte by byte, for tests that send what a real
/// client would not: raw bytes, frames of any shape, and reads each frame the server sends.</summary>
internal sealed class RawConnection : IAsyncDisposable
{
    /// <summary>How long a read waits by default before the test fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly FrameWriter _writer = new();
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawConnection(Socket socket)
    {
        Socket = socket;
    }

    /// <summary>The socket (tests may set buffer sizes or shut it down).</summary>
    public Socket Socket { get; }

    /// <summary>The welcome of <see cref="HandshakeAsync"/>, once done.</summary>
    public WelcomeMessage? Welcome { get; private set; }

    /// <summary>Connects to <paramref name="endPoint"/>. <paramref name="configure"/> runs on the
    /// socket before it connects (to shrink its buffers, say).</summary>
    public static async Task<RawConnection> ConnectAsync(IPEndPoint endPoint, Action<Socket>? configure = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            configure?.Invoke(socket);
            await socket.ConnectAsync(endPoint);
            return new RawConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Encodes <paramref name="message"/> as a frame.</summary>
    public static byte[] Encode(Message message, uint requestId, FrameFlags flags = FrameFlags.None)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new FrameWriter().Write(buffer, message, requestId, flags);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A frame with any header values and payload bytes (the length prefix is computed
    /// unless <paramref name="length"/> is given).</summary>
    public static byte[] RawFrame(byte type, uint requestId, ReadOnlySpan<byte> payload, byte version = FrameHeader.CurrentVersion, byte flags = 0, uint? length = null)
    {
        var frame = new byte[FrameHeader.Size + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, length ?? (uint)(payload.Length + FrameHeader.CountedSize));
        frame[4] = version;
        frame[5] = type;
        frame[6] = flags;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(7), requestId);
        payload.CopyTo(frame.AsSpan(FrameHeader.Size));
        return frame;
    }

    /// <summary>Sends bytes as they are.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await Socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Sends <paramref name="message"/> as one frame.</summary>
    public Task SendAsync(Message message, uint requestId, FrameFlags flags = FrameFlags.None)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _writer.Write(buffer, message, requestId, flags);
        return SendRawAsync(buffer.WrittenMemory);
    }

    /// <summary>Sends hello with <paramref name="token"/> (the test server's by default) and
    /// returns the welcome; fails the test when anything else comes back.</summary>
    public async Task<WelcomeMessage> HandshakeAsync(string? token = TestServer.Token, uint requestId = 1)
    {
        await SendAsync(new HelloMessage { Protocol = 1, Token = token, Client = "raw-test" }, requestId);
        var reply = await ReadFrameAsync();
        Assert.Equal(requestId, reply.RequestId);
        Welcome = Assert.IsType<WelcomeMessage>(reply.Message);
        return Welcome;
    }

    /// <summary>Sends a ping and reads the next frame, which must be its pong.</summary>
    public async Task PingAsync(uint requestId = 7)
    {
        await SendAsync(PingMessage.Instance, requestId);
        var reply = await ReadFrameAsync();
        Assert.IsType<PongMessage>(reply.Message);
        Assert.Equal(requestId, reply.RequestId);
    }

    /// <summary>Reads the next frame and decodes it; fails the test when the connection closes
    /// first or nothing comes within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedFrame> ReadFrameAsync(TimeSpan? timeout = null) =>
        await TryReadFrameAsync(timeout) ?? throw new Xunit.Sdk.XunitException("The server closed the connection instead of sending a frame.");

    /// <summary>Reads the next frame, or returns null when the server closes the connection
    /// (end of stream or reset) first.</summary>
    public async Task<ReceivedFrame?> TryReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var available = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
                var status = FrameReader.TryRead(ref available, int.MaxValue, out var frame);
                if (status == FrameReadStatus.Frame)
                {
                    var message = MessageCodec.Decode(frame, DecodeLimits.Default with { MaxPayloadBytes = 64 * 1024 * 1024 });
                    _start = _end - (int)available.Length;
                    return new ReceivedFrame(frame.Header, message);
                }

                Assert.Equal(FrameReadStatus.Incomplete, status);
                if (!await FillAsync(cancel.Token))
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"No frame from the server within {(timeout ?? DefaultTimeout).TotalSeconds} s ({_end - _start} bytes of a frame received).");
        }
    }

    /// <summary>Reads the next frame, which must be an error with <paramref name="code"/> (and
    /// <paramref name="requestId"/> when given).</summary>
    public async Task<ErrorMessage> ExpectErrorAsync(ErrorCode code, uint? requestId = null, TimeSpan? timeout = null)
    {
        var frame = await ReadFrameAsync(timeout);
        var error = Assert.IsType<ErrorMessage>(frame.Message);
        Assert.True((int)code == error.Code, $"Expected error {ErrorCodes.Name(code)}, got {error.Name}: {error.Message}");
        Assert.Equal(ErrorCodes.Name(code), error.Name);
        if (requestId is { } id)
        {
            Assert.Equal(id, frame.RequestId);
        }

        return error;
    }

    /// <summary>Waits until the server closes the connection; fails if a frame arrives instead or
    /// the connection is still open after <paramref name="timeout"/>.</summary>
    public async Task ExpectClosedAsync(TimeSpan? timeout = null)
    {
        var frame = await TryReadFrameAsync(timeout);
        Assert.True(frame is null, $"Expected the server to close the connection; it sent {frame?.Message} instead.");
    }

    /// <summary>Reads more bytes into the buffer; false at end of stream or reset.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        try
        {
            var received = await Socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            _end += received;
            return received > 0;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return false;
        }
    }

    /// <summary>Closes the socket.</summary>
    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
