using System.Buffers;
using System.Buffers.Binary;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;
using FastFlow.Protocol.Tests.Vectors;

namespace FastFlow.Protocol.Tests.Payloads;

/// <summary>A payload cannot decode into far more memory than its size: plain values and record
/// lists are counted against <see cref="DecodeLimits.MaxPlainValues"/>.</summary>
public sealed class PlainValueBudgetTests
{
    [Theory]
    [InlineData(0x80)] // empty maps: 1 byte each on the wire, a dictionary each in memory
    [InlineData(0x90)] // empty arrays
    [InlineData(0xC0)] // nils
    public void A_frame_full_of_tiny_values_is_refused_without_taking_a_hundred_times_its_size(byte item)
    {
        var payload = InputsArray(ProtocolVectors.DefaultMaxFrame - 64, item);
        Assert.Throws<ProtocolException>(() => Decode(payload, DecodeLimits.Default));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Assert.Throws<ProtocolException>(() => Decode(payload, DecodeLimits.Default));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ErrorCode.InvalidRequest, exception.Code);
        Assert.Contains("'inputs'", exception.Message, StringComparison.Ordinal);
        // Without the budget: 384 MiB for the maps, 191 MiB for the arrays, 64 MiB for the nils.
        Assert.True(allocated < 40L * 1024 * 1024, $"{allocated / 1024 / 1024} MiB allocated for a {payload.Length / 1024 / 1024} MiB payload");
    }

    [Theory]
    [InlineData(0x80, 8)]
    [InlineData(0xC0, 1)]
    public void Values_up_to_the_budget_read_and_one_more_is_refused(byte item, int cost)
    {
        // The inputs map and the array cost 8 each.
        var limits = DecodeLimits.Default with { MaxPlainValues = 16 + (100 * cost) };

        var message = (SubmitRunMessage)Decode(InputsArray(100, item), limits);
        var exception = Assert.Throws<ProtocolException>(() => Decode(InputsArray(101, item), limits));

        Assert.Equal(100, ((List<object?>)message.Inputs!["k"]!).Count);
        Assert.Equal(ErrorCode.InvalidRequest, exception.Code);
    }

    [Fact]
    public void Record_lists_count_their_items()
    {
        var list = new RunListMessage { Runs = [.. Enumerable.Range(0, 10).Select(i => new RunSummary { RunId = $"r-{i}" })] };
        var bytes = VectorCatalog.Encode(list, 1);

        Assert.Equal(10, ((RunListMessage)ReadFrame(bytes, DecodeLimits.Default with { MaxPlainValues = 80 })).Runs.Count);
        Assert.Equal(ErrorCode.InvalidRequest, Assert.Throws<ProtocolException>(() => ReadFrame(bytes, DecodeLimits.Default with { MaxPlainValues = 79 })).Code);
    }

    [Fact]
    public void Each_payload_has_its_own_budget()
    {
        var limits = DecodeLimits.Default with { MaxPlainValues = 16 + 100 };
        var payload = InputsArray(100, 0xC0);

        for (var i = 0; i < 5; i++)
        {
            Decode(payload, limits);
        }

        Assert.Throws<ProtocolException>(() => Decode(InputsArray(101, 0xC0), limits));
        Decode(payload, limits);

        // Outside a decode nothing is charged.
        var reader = new MessagePack.MessagePackReader(new ReadOnlySequence<byte>(InputsArray(5000, 0xC0)));
        PayloadReader.ReadPayloadMap(ref reader, "submit_run");
        PayloadReader.ReadKey(ref reader, "submit_run");
        Assert.NotNull(PayloadReader.ReadPlainMap(ref reader, "inputs", 1, limits));
    }

    [Fact]
    public void A_compressed_payload_is_counted_once_inflated()
    {
        var message = new SubmitRunMessage { Inputs = new Dictionary<string, object?> { ["k"] = Enumerable.Repeat<object?>(null, 5000).ToList() } };
        var bytes = VectorCatalog.Encode(message, 1, FrameFlags.None, compressAbove: 1);
        Assert.Equal((byte)FrameFlags.Compressed, bytes[6]);

        Assert.Equal(5000, ((List<object?>)((SubmitRunMessage)ReadFrame(bytes, DecodeLimits.Default with { MaxPlainValues = 16 + 5000 })).Inputs!["k"]!).Count);
        Assert.Throws<ProtocolException>(() => ReadFrame(bytes, DecodeLimits.Default with { MaxPlainValues = 16 + 4999 }));
    }

    /// <summary>submit_run { inputs: { k: [item × count] } }.</summary>
    private static byte[] InputsArray(int count, byte item)
    {
        var bytes = new List<byte> { 0x81, 0xA6 };
        bytes.AddRange("inputs"u8.ToArray());
        bytes.AddRange([0x81, 0xA1, (byte)'k', 0xDD, 0, 0, 0, 0]);
        BinaryPrimitives.WriteInt32BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[^4..], count);
        bytes.AddRange(Enumerable.Repeat(item, count));
        return [.. bytes];
    }

    private static Message Decode(byte[] payload, DecodeLimits limits) =>
        MessageCodec.Decode(MessageType.SubmitRun, new ReadOnlySequence<byte>(payload), limits);

    private static Message ReadFrame(byte[] bytes, DecodeLimits limits)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameReadStatus.Frame, FrameReader.TryRead(ref sequence, ProtocolVectors.DefaultMaxFrame, out var frame));
        return MessageCodec.Decode(frame, limits);
    }
}
