using System.Buffers;
using FastFlow.Protocol.Payloads;
using FastFlow.Protocol.Tests.Properties;
using MessagePack;

namespace FastFlow.Protocol.Tests.Payloads;

/// <summary>How plain values read: integers stay exact, only what cannot be a long becomes a float.</summary>
public sealed class PlainValueTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(4_294_967_296L)] // 2^32: the first positive value written as uint64
    [InlineData(9_007_199_254_740_993L)] // 2^53 + 1: not exact as a double
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void An_integer_reads_as_the_same_long(long value)
    {
        var bytes = MessageRoundTripTests.Payload((ref MessagePackWriter writer) => writer.Write(value));

        Assert.Equal(value, Assert.IsType<long>(Read(bytes)));
    }

    [Fact]
    public void An_unsigned_integer_above_the_long_range_reads_as_a_float()
    {
        var bytes = MessageRoundTripTests.Payload((ref MessagePackWriter writer) => writer.Write(ulong.MaxValue));

        Assert.Equal((double)ulong.MaxValue, Assert.IsType<double>(Read(bytes)));
    }

    [Theory]
    [InlineData(new byte[] { 0xC4, 0x01, 0x00 })] // bin 8
    [InlineData(new byte[] { 0xD4, 0x01, 0x00 })] // fixext 1
    [InlineData(new byte[] { 0x81, 0x01, 0xC0 })] // a map with an integer key
    [InlineData(new byte[] { 0x82, 0xA1, 0x61, 0xC0, 0xA1, 0x61, 0xC0 })] // a key twice
    public void A_value_that_is_not_plain_is_malformed(byte[] bytes)
    {
        var exception = Assert.Throws<ProtocolException>(() => Read(bytes));

        Assert.Equal(ErrorCode.MalformedPayload, exception.Code);
        Assert.Contains("'value'", exception.Message, StringComparison.Ordinal);
    }

    private static object? Read(byte[] bytes)
    {
        var reader = new MessagePackReader(new ReadOnlySequence<byte>(bytes));
        return PayloadReader.ReadPlain(ref reader, "value", 1, DecodeLimits.Default);
    }
}
