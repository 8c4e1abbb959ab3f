using System.Buffers;
using CsCheck;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;
using FastFlow.Protocol.Tests.Vectors;

namespace FastFlow.Protocol.Tests.Properties;

/// <summary>Every message type survives write → frame → read with random fields, including
/// plain values of every kind nested within the depth limit.</summary>
public sealed class MessageRoundTripTests
{
    public static TheoryData<string> MessageClassNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in RandomMessages.MessageClasses)
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void Every_message_type_has_a_class()
    {
        var covered = RandomMessages.MessageClasses.Select(type => ((Message)Activator.CreateInstance(type)!).Type).ToHashSet();
        Assert.Equal(Enum.GetValues<MessageType>().Length, covered.Count);
    }

    [Theory]
    [MemberData(nameof(MessageClassNames))]
    public void A_message_round_trips(string className)
    {
        var type = RandomMessages.MessageClasses.Single(candidate => candidate.Name == className);
        Gen.Int.Sample(seed =>
        {
            var message = RandomMessages.Of(type, new Random(seed), plainDepth: 5);
            var requestId = (uint)seed;
            var bytes = VectorCatalog.Encode(message, requestId);

            var decoded = ReadOne(bytes, out var header);
            Assert.Equal(message.Type, header.Type);
            Assert.Equal(requestId, header.RequestId);
            Assert.Null(DeepEquality.Difference(message, decoded));
            Assert.Equal(bytes, VectorCatalog.Encode(decoded, requestId));
        }, iter: 300);
    }

    [Fact]
    public void A_compressed_message_round_trips()
    {
        Gen.Int.Sample(seed =>
        {
            var message = RandomMessages.Any(new Random(seed));
            var plain = VectorCatalog.Encode(message, 9);
            var compressed = VectorCatalog.Encode(message, 9, FrameFlags.None, compressAbove: 1);

            var decoded = ReadOne(compressed, out _);
            Assert.Null(DeepEquality.Difference(message, decoded));
            Assert.Equal(plain, VectorCatalog.Encode(decoded, 9));
        }, iter: 500);
    }

    [Fact]
    public void A_large_repetitive_payload_is_sent_compressed_and_smaller()
    {
        var message = new RegisterDefinitionMessage { Source = string.Concat(Enumerable.Repeat("tasks:\n  a:\n    action: log\n", 200)) };
        var plain = VectorCatalog.Encode(message, 1);
        var compressed = VectorCatalog.Encode(message, 1, FrameFlags.None, compressAbove: 1024);

        Assert.Equal((byte)FrameFlags.Compressed, compressed[6]);
        Assert.True(compressed.Length < plain.Length / 4, $"{compressed.Length} compressed bytes for {plain.Length} plain");
        Assert.Equal(message.Source, ((RegisterDefinitionMessage)ReadOne(compressed, out _)).Source);
    }

    [Fact]
    public void Keys_in_any_order_and_unknown_keys_read_the_same()
    {
        var bytes = Payload((ref MessagePack.MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(4);
            writer.Write("future_key");
            writer.WriteMapHeader(1);
            writer.Write("x");
            writer.WriteArrayHeader(2);
            writer.Write(1);
            writer.Write("two");
            writer.Write("force");
            writer.Write(true);
            writer.Write("run_id");
            writer.Write("r-7");
            writer.Write("another_future_key");
            writer.WriteNil();
        });

        var message = (CancelRunMessage)MessageCodec.Decode(MessageType.CancelRun, new ReadOnlySequence<byte>(bytes), DecodeLimits.Default);

        Assert.Equal("r-7", message.RunId);
        Assert.True(message.Force);
    }

    [Fact]
    public void Missing_keys_read_as_their_defaults()
    {
        var message = (SubmitRunMessage)MessageCodec.Decode(MessageType.SubmitRun, new ReadOnlySequence<byte>([0x80]), DecodeLimits.Default);

        Assert.Null(message.WorkflowId);
        Assert.Null(message.Inputs);
        Assert.False(message.Wait);
        Assert.Null(message.TimeoutMs);
        Assert.Empty(((RunStateMessage)MessageCodec.Decode(MessageType.RunState, ReadOnlySequence<byte>.Empty, DecodeLimits.Default)).Tasks);
    }

    internal static Message ReadOne(byte[] bytes, out FrameHeader header)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameReadStatus.Frame, FrameReader.TryRead(ref sequence, ProtocolVectors.DefaultMaxFrame, out var frame));
        Assert.True(sequence.IsEmpty);
        header = frame.Header;
        return MessageCodec.Decode(frame, DecodeLimits.Default);
    }

    internal delegate void PayloadBody(ref MessagePack.MessagePackWriter writer);

    internal static byte[] Payload(PayloadBody body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(buffer);
        body(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
