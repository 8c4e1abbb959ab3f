using System.Buffers;
using CsCheck;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;
using FastFlow.Protocol.Tests.Properties;
using MessagePack;

namespace FastFlow.Protocol.Tests.Payloads;

/// <summary>Nesting up to the limit reads; one level deeper is too_deep, wherever it is: in known
/// fields, in plain values and in the values of unknown keys that are skipped.</summary>
public sealed class DepthLimitTests
{
    /// <summary>A limit and a depth around it (the payload's map is level 1).</summary>
    private static readonly Gen<(int Limit, int Depth)> s_depths =
        Gen.Int[2, 40].SelectMany(limit => Gen.Int[Math.Max(2, limit - 2), limit + 2].Select(depth => (limit, depth)));

    [Fact]
    public void Plain_values_nest_up_to_the_limit()
    {
        s_depths.Sample(input =>
        {
            // submit_run { inputs: [[...[nil]...]] }: inputs opens level 2.
            var bytes = MessageRoundTripTests.Payload((ref MessagePackWriter writer) =>
            {
                writer.WriteMapHeader(1);
                writer.Write("inputs");
                writer.WriteMapHeader(1);
                writer.Write("deep");
                Nest(ref writer, input.Depth - 2);
            });

            Check(MessageType.SubmitRun, bytes, input.Limit, input.Depth);
        }, iter: 200);
    }

    [Fact]
    public void Unknown_keys_nest_up_to_the_limit()
    {
        s_depths.Sample(input =>
        {
            // ping { future: [[...[nil]...]] }: the value opens level 2.
            var bytes = MessageRoundTripTests.Payload((ref MessagePackWriter writer) =>
            {
                writer.WriteMapHeader(1);
                writer.Write("future");
                Nest(ref writer, input.Depth - 1);
            });

            Check(MessageType.Ping, bytes, input.Limit, input.Depth);
        }, iter: 200);
    }

    [Fact]
    public void Unknown_keys_inside_records_nest_up_to_the_limit()
    {
        s_depths.Sample(input =>
        {
            // run_list { runs: [ { future: [[...]] } ] }: runs is level 2, the run 3, its value 4.
            var bytes = MessageRoundTripTests.Payload((ref MessagePackWriter writer) =>
            {
                writer.WriteMapHeader(1);
                writer.Write("runs");
                writer.WriteArrayHeader(1);
                writer.WriteMapHeader(1);
                writer.Write("future");
                Nest(ref writer, input.Depth - 3);
            });

            Check(MessageType.RunList, bytes, input.Limit, Math.Max(3, input.Depth));
        }, iter: 200);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Known_records_count_their_levels(int limit, bool reads)
    {
        // run_state { tasks: [ { error: { ... } } ] }: tasks 2, the task 3, its error 4.
        var message = new RunStateMessage { Tasks = [new TaskState { Id = "a" }] };
        var withError = new RunStateMessage { Tasks = [new TaskState { Id = "a", Error = new ErrorInfo { Category = "fatal", Message = "x" } }] };

        Assert.Equal(reads, Reads(message, limit));
        Assert.Equal(limit >= 4, Reads(withError, limit));
    }

    [Theory]
    [InlineData(0x91)] // arrays
    [InlineData(0x81)] // maps (each with the key below)
    public void A_hundred_thousand_levels_in_an_unknown_key_fail_cleanly(byte container)
    {
        var bytes = new List<byte> { 0x81, 0xA6 };
        bytes.AddRange("future"u8.ToArray());
        for (var i = 0; i < 100_000; i++)
        {
            bytes.Add(container);
            if (container == 0x81)
            {
                bytes.AddRange([0xA1, 0x6B]);
            }
        }

        bytes.Add(0xC0);

        var exception = Assert.Throws<ProtocolException>(() => Decode(MessageType.Ping, [.. bytes], DecodeLimits.Default));
        Assert.Equal(ErrorCode.TooDeep, exception.Code);
    }

    [Fact]
    public void A_hundred_thousand_levels_in_a_plain_value_fail_cleanly()
    {
        var bytes = new List<byte> { 0x81, 0xA6 };
        bytes.AddRange("inputs"u8.ToArray());
        bytes.AddRange([0x81, 0xA1, 0x6B]);
        bytes.AddRange(Enumerable.Repeat((byte)0x91, 100_000));
        bytes.Add(0xC0);

        var exception = Assert.Throws<ProtocolException>(() => Decode(MessageType.SubmitRun, [.. bytes], DecodeLimits.Default));
        Assert.Equal(ErrorCode.TooDeep, exception.Code);
        Assert.Contains("'inputs'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writers_never_exceed_the_default_limit()
    {
        // A value nested far deeper than the limit is written with its deep part as text.
        object? deep = "bottom";
        for (var i = 0; i < 100; i++)
        {
            deep = new List<object?> { deep };
        }

        var message = new CompleteLeaseMessage { LeaseId = "l", Ok = true, Output = deep };

        Assert.True(Reads(message, DecodeLimits.Default.MaxDepth));
    }

    private static void Check(MessageType type, byte[] bytes, int limit, int depth)
    {
        var limits = DecodeLimits.Default with { MaxDepth = limit };
        if (depth <= limit)
        {
            Decode(type, bytes, limits);
        }
        else
        {
            var exception = Assert.Throws<ProtocolException>(() => Decode(type, bytes, limits));
            Assert.Equal(ErrorCode.TooDeep, exception.Code);
        }
    }

    private static bool Reads(Message message, int limit)
    {
        var bytes = MessageRoundTripTests.Payload(message.Write);
        try
        {
            Decode(message.Type, bytes, DecodeLimits.Default with { MaxDepth = limit });
            return true;
        }
        catch (ProtocolException exception) when (exception.Code == ErrorCode.TooDeep)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="levels"/> nested one-item arrays around a nil.</summary>
    private static void Nest(ref MessagePackWriter writer, int levels)
    {
        for (var i = 0; i < levels; i++)
        {
            writer.WriteArrayHeader(1);
        }

        writer.WriteNil();
    }

    private static Message Decode(MessageType type, byte[] bytes, DecodeLimits limits) =>
        MessageCodec.Decode(type, new ReadOnlySequence<byte>(bytes), limits);
}
