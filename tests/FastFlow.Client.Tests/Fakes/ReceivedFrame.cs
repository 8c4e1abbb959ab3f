using System.Buffers;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;

namespace FastFlow.Client.Tests.Fakes;

/// <summary>A frame the fake server read from the client: its exact bytes and what they decode to.</summary>
public sealed record ReceivedFrame(FrameHeader Header, byte[] Bytes)
{
    /// <summary>The request id.</summary>
    public uint RequestId => Header.RequestId;

    /// <summary>The decoded message.</summary>
    public Message Message => MessageCodec.Decode(
        new Frame(Header, new ReadOnlySequence<byte>(Bytes, FrameHeader.Size, Bytes.Length - FrameHeader.Size)),
        DecodeLimits.Default);
}
