using System.Buffers;
using System.Buffers.Binary;
using CsCheck;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;

namespace FastFlow.Protocol.Tests.Framing;

/// <summary>A compressed payload is checked against the limit from its declared size, before a
/// byte is inflated or a buffer taken.</summary>
public sealed class CompressionTests
{
    [Fact]
    public void A_declared_size_over_the_limit_fails_before_allocating_it()
    {
        // A limit of 256 MiB: inflating a payload that claims one byte more would have to take a
        // 256 MiB buffer, which the allocation count would show.
        var limits = DecodeLimits.Default with { MaxPayloadBytes = 256 * 1024 * 1024 };
        var frame = Compressed(MessageType.RegisterDefinition, (uint)limits.MaxPayloadBytes + 1, new byte[64]);
        Assert.Throws<ProtocolException>(() => Decode(frame, limits));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Assert.Throws<ProtocolException>(() => Decode(frame, limits));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ErrorCode.BadCompression, exception.Code);
        Assert.Contains("268435457", exception.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated to refuse the frame");
    }

    [Fact]
    public void Any_declared_size_and_block_fails_only_with_a_protocol_error()
    {
        Gen.Select(Gen.UInt[0, 70_000], Gen.Byte.Array[0, 300]).Sample(input =>
        {
            var frame = Compressed(MessageType.SubmitRun, input.Item1, input.Item2);
            try
            {
                Decode(frame, DecodeLimits.Default with { MaxPayloadBytes = 65_536 });
            }
            catch (ProtocolException)
            {
                // The expected outcome for almost every input: bad_compression or a payload error.
            }
        }, iter: 3000);
    }

    [Fact]
    public void A_block_that_inflates_to_less_than_declared_is_bad_compression()
    {
        var payload = new ArrayBufferWriter<byte>();
        new FrameWriter(compressAbove: 1).Write(payload, new RegisterDefinitionMessage { Source = new string('a', 500) }, 1);
        var bytes = payload.WrittenSpan.ToArray();
        Assert.Equal((byte)FrameFlags.Compressed, bytes[6]);
        var declared = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(FrameHeader.Size));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FrameHeader.Size), declared + 1);

        var sequence = new ReadOnlySequence<byte>(bytes);
        FrameReader.TryRead(ref sequence, 1 << 20, out var frame);
        var exception = Assert.Throws<ProtocolException>(() => MessageCodec.Decode(frame, DecodeLimits.Default));

        Assert.Equal(ErrorCode.BadCompression, exception.Code);
    }

    private static byte[] Compressed(MessageType type, uint declared, byte[] block)
    {
        var bytes = new byte[FrameHeader.Size + 4 + block.Length];
        FrameHeader.Write(bytes, type, FrameFlags.Compressed, 3, 4 + block.Length);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FrameHeader.Size), declared);
        block.CopyTo(bytes, FrameHeader.Size + 4);
        return bytes;
    }

    private static Message Decode(byte[] bytes, DecodeLimits limits)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameReadStatus.Frame, FrameReader.TryRead(ref sequence, 1 << 20, out var frame));
        return MessageCodec.Decode(frame, limits);
    }
}
