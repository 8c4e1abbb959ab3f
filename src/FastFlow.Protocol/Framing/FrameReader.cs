using System.Buffers;

namespace FastFlow.Protocol.Framing;

/// <summary>Cuts frames off the front of a byte sequence. Allocates nothing: the payload is a
/// slice of the input.</summary>
public static class FrameReader
{
    /// <summary>Reads the frame at the start of <paramref name="buffer"/> when it is whole, and
    /// advances the buffer past it. <paramref name="maxFrameLength"/> bounds the length prefix, so
    /// an oversized frame is refused from its first four bytes.</summary>
    /// <param name="buffer">The bytes received and not yet consumed.</param>
    /// <param name="maxFrameLength">The largest <see cref="FrameHeader.Length"/> accepted.</param>
    /// <param name="frame">The frame, when the result is <see cref="FrameReadStatus.Frame"/>;
    /// otherwise its header as far as known.</param>
    public static FrameReadStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameLength, out Frame frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return FrameReadStatus.Incomplete;
        }

        Span<byte> headerBytes = stackalloc byte[FrameHeader.Size];
        var available = (int)Math.Min(buffer.Length, FrameHeader.Size);
        buffer.Slice(0, available).CopyTo(headerBytes);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(headerBytes);
        if (length > (uint)maxFrameLength)
        {
            frame = new Frame(new FrameHeader((int)Math.Min(length, int.MaxValue), 0, 0, 0, 0), default);
            return FrameReadStatus.TooLarge;
        }

        if (length < FrameHeader.CountedSize)
        {
            return FrameReadStatus.TooShort;
        }

        if (available < FrameHeader.Size)
        {
            return FrameReadStatus.Incomplete;
        }

        var header = FrameHeader.Read(headerBytes);
        if (header.Version != FrameHeader.CurrentVersion)
        {
            frame = new Frame(header, default);
            return FrameReadStatus.UnsupportedVersion;
        }

        if (buffer.Length < header.FrameLength)
        {
            frame = new Frame(header, default);
            return FrameReadStatus.Incomplete;
        }

        frame = new Frame(header, buffer.Slice(FrameHeader.Size, header.PayloadLength));
        buffer = buffer.Slice(header.FrameLength);
        return FrameReadStatus.Frame;
    }
}
