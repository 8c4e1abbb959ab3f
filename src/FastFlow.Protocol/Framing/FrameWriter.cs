using System.Buffers;
using FastFlow.Protocol.Messages;
using K4os.Compression.LZ4;
using MessagePack;

namespace FastFlow.Protocol.Framing;

/// <summary>Writes messages as frames. Keeps one scratch buffer for payloads, so writing a small
/// message allocates nothing once warm; not thread-safe (one per connection, used under its
/// write lock).</summary>
public sealed class FrameWriter
{
    /// <summary>Where each payload is encoded before its length is known.</summary>
    private readonly ArrayBufferWriter<byte> _scratch = new(256);

    /// <summary>Payloads at least this long are LZ4-compressed; 0 never compresses.</summary>
    private readonly int _compressAbove;

    /// <summary>Creates a writer.</summary>
    /// <param name="compressAbove">Compress payloads of at least this many bytes; 0 (the default) never.</param>
    public FrameWriter(int compressAbove = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(compressAbove);
        _compressAbove = compressAbove;
    }

    /// <summary>Writes <paramref name="message"/> as one frame.</summary>
    /// <returns>The bytes written.</returns>
    public int Write(IBufferWriter<byte> destination, Message message, uint requestId, FrameFlags flags = FrameFlags.None)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(message);
        _scratch.ResetWrittenCount();
        var writer = new MessagePackWriter(_scratch);
        message.Write(ref writer);
        writer.Flush();
        var payload = _scratch.WrittenSpan;
        if (_compressAbove > 0 && payload.Length >= _compressAbove)
        {
            return WriteCompressed(destination, message.Type, requestId, flags, payload);
        }

        var total = FrameHeader.Size + payload.Length;
        var span = destination.GetSpan(total);
        FrameHeader.Write(span, message.Type, flags & ~FrameFlags.Compressed, requestId, payload.Length);
        payload.CopyTo(span[FrameHeader.Size..]);
        destination.Advance(total);
        return total;
    }

    private static int WriteCompressed(IBufferWriter<byte> destination, MessageType type, uint requestId, FrameFlags flags, ReadOnlySpan<byte> payload)
    {
        var bound = LZ4Codec.MaximumOutputSize(payload.Length);
        var span = destination.GetSpan(FrameHeader.Size + 4 + bound);
        var compressed = LZ4Codec.Encode(payload, span.Slice(FrameHeader.Size + 4, bound));
        if (compressed <= 0 || compressed + 4 >= payload.Length)
        {
            // Incompressible: send it as it is.
            var plain = FrameHeader.Size + payload.Length;
            span = destination.GetSpan(plain);
            FrameHeader.Write(span, type, flags & ~FrameFlags.Compressed, requestId, payload.Length);
            payload.CopyTo(span[FrameHeader.Size..]);
            destination.Advance(plain);
            return plain;
        }

        FrameHeader.Write(span, type, flags | FrameFlags.Compressed, requestId, compressed + 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(span[FrameHeader.Size..], (uint)payload.Length);
        var total = FrameHeader.Size + 4 + compressed;
        destination.Advance(total);
        return total;
    }
}
