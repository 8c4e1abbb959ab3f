using System.Buffers;

namespace FastFlow.Protocol.Framing;

/// <summary>One frame as read: its header and its payload, a slice of the reader's buffer that is
/// valid until the buffer is advanced.</summary>
public readonly struct Frame
{
    /// <summary>Creates a frame view.</summary>
    public Frame(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    /// <summary>The header.</summary>
    public FrameHeader Header { get; }

    /// <summary>The payload bytes, compressed when <see cref="FrameFlags.Compressed"/> is set.</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>The message type.</summary>
    public MessageType Type => Header.Type;

    /// <summary>The request id.</summary>
    public uint RequestId => Header.RequestId;
}
