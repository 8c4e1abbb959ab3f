using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests.Fakes;

/// <summary>The server's end of one client connection in <see cref="FakeServer"/>: a test reads
/// the client's frames and writes whatever replies it wants, in whatever order, over a real socket.</summary>
public sealed class FakeConnection : IAsyncDisposable
{
    /// <summary>How long a read may wait before the test fails instead of hanging.</summary>
    private static readonly TimeSpan s_readLimit = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly FrameWriter _writer = new();

    public FakeConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Reads the client's next frame.</summary>
    public async Task<ReceivedFrame> ReadFrameAsync()
    {
        using var limit = new CancellationTokenSource(s_readLimit);
        var prefix = new byte[4];
        await _stream.ReadExactlyAsync(prefix, limit.Token);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        var bytes = new byte[4 + length];
        prefix.CopyTo(bytes, 0);
        await _stream.ReadExactlyAsync(bytes.AsMemory(4), limit.Token);
        return new ReceivedFrame(FrameHeader.Read(bytes), bytes);
    }

    /// <summary>Reads the client's next frame and checks its type.</summary>
    public async Task<(ReceivedFrame Frame, T Message)> ReadAsync<T>()
        where T : Message
    {
        var frame = await ReadFrameAsync();
        var message = Assert.IsType<T>(frame.Message);
        return (frame, message);
    }

    /// <summary>Reads until the client closes its end; true when it did within the limit.</summary>
    public async Task<bool> ReadsEndAsync()
    {
        using var limit = new CancellationTokenSource(s_readLimit);
        var buffer = new byte[1024];
        try
        {
            while (await _stream.ReadAsync(buffer, limit.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Writes a message as a frame.</summary>
    public Task SendAsync(Message message, uint requestId, FrameFlags flags = FrameFlags.None) =>
        SendBytesAsync(Encode(message, requestId, flags));

    /// <summary>Writes an error frame as the real server does.</summary>
    public Task SendErrorAsync(uint requestId, ErrorCode code, string message, bool? fatal = null) =>
        SendAsync(new ErrorMessage
        {
            Code = (int)code,
            Name = ErrorCodes.Name(code),
            Category = ErrorCodes.Category(code),
            Message = message,
            Fatal = fatal ?? ErrorCodes.IsFatal(code),
        }, requestId);

    /// <summary>Writes raw bytes.</summary>
    public async Task SendBytesAsync(ReadOnlyMemory<byte> bytes)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
            await _stream.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Encodes a frame the way the protocol library does.</summary>
    public byte[] Encode(Message message, uint requestId, FrameFlags flags = FrameFlags.None)
    {
        lock (_writer)
        {
            var buffer = new ArrayBufferWriter<byte>();
            _writer.Write(buffer, message, requestId, flags);
            return buffer.WrittenSpan.ToArray();
        }
    }

    /// <summary>Closes the connection abruptly (a reset, as when a server process dies).</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _writeGate.Dispose();
    }
}
