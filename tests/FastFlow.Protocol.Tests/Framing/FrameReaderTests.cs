using System.Buffers;
using System.Buffers.Binary;
using CsCheck;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;
using FastFlow.Protocol.Tests.Properties;
using FastFlow.Protocol.Tests.Vectors;

namespace FastFlow.Protocol.Tests.Framing;

/// <summary>FrameReader over bytes that arrive in any pieces, and its length limit.</summary>
public sealed class FrameReaderTests
{
    private static readonly Gen<(int Seed, int Count, int[] Cuts)> s_frames =
        Gen.Select(Gen.Int, Gen.Int[1, 12], Gen.Int[0, 4000].Array[0, 40]);

    [Fact]
    public void Frames_split_into_any_segments_read_as_written()
    {
        s_frames.Sample(input =>
        {
            var (messages, bytes) = Stream(input.Seed, input.Count);
            var sequence = Segments.Split(bytes, input.Cuts);

            var read = ReadAll(ref sequence);

            Assert.True(sequence.IsEmpty);
            Assert.Equal(messages.Count, read.Count);
            for (var i = 0; i < messages.Count; i++)
            {
                Assert.Equal((uint)i + 1, read[i].RequestId);
                Assert.Null(DeepEquality.Difference(messages[i], read[i].Message));
            }
        }, iter: 300);
    }

    [Fact]
    public void A_prefix_of_the_stream_yields_exactly_the_whole_frames_in_it()
    {
        s_frames.Sample(input =>
        {
            var (messages, bytes) = Stream(input.Seed, input.Count);
            var cut = input.Cuts.Length == 0 ? bytes.Length / 2 : input.Cuts[0] % (bytes.Length + 1);
            var prefix = Segments.Split(bytes[..cut], input.Cuts.Skip(1));

            var read = ReadAll(ref prefix);

            var whole = 0;
            for (long end = 0; whole < messages.Count; whole++)
            {
                end += 4 + BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)end));
                if (end > cut)
                {
                    break;
                }
            }

            Assert.Equal(whole, read.Count);
            Assert.Equal(FrameReadStatus.Incomplete, prefix.IsEmpty ? FrameReadStatus.Incomplete : FrameReader.TryRead(ref prefix, ProtocolVectors.DefaultMaxFrame, out _));
        }, iter: 300);
    }

    [Fact]
    public void The_limit_is_decided_from_the_first_four_bytes()
    {
        Gen.Select(Gen.Int[FrameHeader.CountedSize, 1 << 24], Gen.UInt, Gen.Byte.Array[0, 6]).Sample(input =>
        {
            var (limit, length, rest) = input;
            var bytes = new byte[4 + rest.Length];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
            rest.CopyTo(bytes, 4);
            var sequence = new ReadOnlySequence<byte>(bytes);

            var status = FrameReader.TryRead(ref sequence, limit, out var frame);

            if (length > (uint)limit)
            {
                Assert.Equal(FrameReadStatus.TooLarge, status);
                Assert.Equal((int)Math.Min(length, int.MaxValue), frame.Header.Length);
            }
            else if (length < FrameHeader.CountedSize)
            {
                Assert.Equal(FrameReadStatus.TooShort, status);
            }
            else
            {
                Assert.Equal(FrameReadStatus.Incomplete, status);
            }

            Assert.Equal(bytes.Length, sequence.Length);
        }, iter: 2000);
    }

    [Fact]
    public void A_prefix_over_the_limit_is_refused_without_allocating()
    {
        var prefix = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF };
        var sequence = new ReadOnlySequence<byte>(prefix);
        FrameReader.TryRead(ref sequence, ProtocolVectors.DefaultMaxFrame, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var status = FrameReader.TryRead(ref sequence, ProtocolVectors.DefaultMaxFrame, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(FrameReadStatus.TooLarge, status);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_frame_at_the_limit_is_read()
    {
        var message = new RegisterDefinitionMessage { Source = new string('x', 1000) };
        var bytes = VectorCatalog.Encode(message, 1);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes);

        var atLimit = new ReadOnlySequence<byte>(bytes);
        var overLimit = new ReadOnlySequence<byte>(bytes);

        Assert.Equal(FrameReadStatus.Frame, FrameReader.TryRead(ref atLimit, length, out _));
        Assert.Equal(FrameReadStatus.TooLarge, FrameReader.TryRead(ref overLimit, length - 1, out _));
    }

    [Fact]
    public void Another_version_is_refused_once_the_header_is_in()
    {
        var bytes = VectorCatalog.Encode(PingMessage.Instance, 5);
        bytes[4] = 0;
        var partial = new ReadOnlySequence<byte>(bytes, 0, 10);
        var whole = new ReadOnlySequence<byte>(bytes);

        Assert.Equal(FrameReadStatus.Incomplete, FrameReader.TryRead(ref partial, 100, out _));
        Assert.Equal(FrameReadStatus.UnsupportedVersion, FrameReader.TryRead(ref whole, 100, out var frame));
        Assert.Equal(0, frame.Header.Version);
    }

    /// <summary>Random messages written back to back with request ids 1, 2, ...</summary>
    private static (List<Message> Messages, byte[] Bytes) Stream(int seed, int count)
    {
        var random = new Random(seed);
        var writer = new FrameWriter(compressAbove: random.Next(2) == 0 ? 0 : 64);
        var buffer = new ArrayBufferWriter<byte>();
        var messages = new List<Message>();
        for (var i = 0; i < count; i++)
        {
            var message = RandomMessages.Any(random);
            messages.Add(message);
            writer.Write(buffer, message, (uint)i + 1);
        }

        return (messages, buffer.WrittenSpan.ToArray());
    }

    private static List<(uint RequestId, Message Message)> ReadAll(ref ReadOnlySequence<byte> sequence)
    {
        var read = new List<(uint, Message)>();
        while (FrameReader.TryRead(ref sequence, ProtocolVectors.DefaultMaxFrame, out var frame) == FrameReadStatus.Frame)
        {
            read.Add((frame.RequestId, MessageCodec.Decode(frame, DecodeLimits.Default)));
        }

        return read;
    }
}
