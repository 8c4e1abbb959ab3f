using System.Buffers.Binary;

namespace FastFlow.Protocol.Framing;

/// <summary>The fixed 11 bytes before every payload (all integers big-endian):
/// <c>length:u32 version:u8 type:u8 flags:u8 request_id:u32</c>. <c>length</c> counts every
/// byte after itself, so a frame is <c>4 + length</c> bytes and its payload <c>length - 7</c>.</summary>
public readonly record struct FrameHeader(int Length, byte Version, MessageType Type, FrameFlags Flags, uint RequestId)
{
    /// <summary>Bytes in the header, length prefix included.</summary>
    public const int Size = 11;

    /// <summary>Header bytes counted by <see cref="Length"/> (version, type, flags, request id).</summary>
    public const int CountedSize = 7;

    /// <summary>The protocol version this library speaks.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Bytes of payload after the header.</summary>
    public int PayloadLength => Length - CountedSize;

    /// <summary>Bytes of the whole frame.</summary>
    public long FrameLength => 4L + Length;

    /// <summary>Writes the header for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static void Write(Span<byte> destination, MessageType type, FrameFlags flags, uint requestId, int payloadLength)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(payloadLength + CountedSize));
        destination[4] = CurrentVersion;
        destination[5] = (byte)type;
        destination[6] = (byte)flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[7..], requestId);
    }

    /// <summary>Reads a header from exactly <see cref="Size"/> bytes; checks nothing.</summary>
    public static FrameHeader Read(ReadOnlySpan<byte> source) => new(
        (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(source), int.MaxValue),
        source[4],
        (MessageType)source[5],
        (FrameFlags)source[6],
        BinaryPrimitives.ReadUInt32BigEndian(source[7..]));
}
