using System.Buffers;
using CsCheck;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;
using MessagePack;

namespace FastFlow.Storage.Tests.Runs;

public sealed class PlainValueFormatterTests
{
    private static readonly MessagePackSerializerOptions s_options =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    private static byte[] Write(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        PlainValueFormatter.Instance.Serialize(ref writer, value, s_options);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static object? Read(byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        var value = PlainValueFormatter.Instance.Deserialize(ref reader, s_options);
        Assert.True(reader.End, "the formatter left bytes unread");
        return value;
    }

    private delegate void RawWriter(ref MessagePackWriter writer);

    private static byte[] Raw(RawWriter write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Random_plain_values_read_back_as_written_with_the_same_types_and_bits()
    {
        PlainData.Value.Sample(value =>
        {
            var back = Read(Write(value));
            Assert.Null(PlainData.Difference(value, back, "value"));
        }, iter: 2000);
    }

    [Fact]
    public void Random_plain_values_survive_a_record_envelope_inside_a_history_entry_and_a_run()
    {
        var codec = new RecordCodec();
        Gen.Select(PlainData.Value, PlainData.Map).Sample((value, map) =>
        {
            var entry = new HistoryEntry { Type = "context.set", Key = "k", Value = value, Output = map };
            var back = codec.Decode<HistoryEntry>(codec.Encode(RecordKind.RunEvent, CheckpointLevel.Standard, entry), RecordKind.RunEvent).Value;
            Assert.Null(PlainData.Difference(value, back.Value, "Value"));
            Assert.Null(PlainData.Difference(map, back.Output, "Output"));

            var run = new RunRecord { RunId = "r", Inputs = map, Outputs = map.Count == 0 ? null : map };
            var runBack = codec.Decode<RunRecord>(codec.Encode(RecordKind.RunState, CheckpointLevel.Standard, run), RecordKind.RunState).Value;
            Assert.Null(PlainData.Difference(map, runBack.Inputs, "Inputs"));
            Assert.Null(PlainData.Difference(run.Outputs, runBack.Outputs, "Outputs"));
        }, iter: 300);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(4294967296L)]
    public void Integers_read_back_as_long(long value) => Assert.Equal(value, Assert.IsType<long>(Read(Write(value))));

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(3.0)]
    public void Doubles_read_back_bit_for_bit_and_stay_doubles(double value)
    {
        var back = Assert.IsType<double>(Read(Write(value)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
    }

    [Fact]
    public void A_NaN_with_a_payload_keeps_its_bits()
    {
        var nan = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF4_0000_DEAD_BEEF));
        var back = Assert.IsType<double>(Read(Write(nan)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(nan), BitConverter.DoubleToInt64Bits(back));
    }

    [Fact]
    public void Other_writers_integers_and_floats_read_as_long_and_double()
    {
        Assert.Equal(7L, Read(Raw((ref MessagePackWriter w) => w.Write((byte)7))));
        Assert.Equal(-5L, Read(Raw((ref MessagePackWriter w) => w.Write((sbyte)-5))));
        Assert.Equal(40000L, Read(Raw((ref MessagePackWriter w) => w.Write((ushort)40000))));
        Assert.Equal((long)uint.MaxValue, Read(Raw((ref MessagePackWriter w) => w.Write(uint.MaxValue))));
        Assert.Equal(long.MaxValue, Read(Raw((ref MessagePackWriter w) => w.Write((ulong)long.MaxValue))));
        Assert.Equal(1.5, Read(Raw((ref MessagePackWriter w) => w.Write(1.5f))));

        // Above long.MaxValue: the nearest double, not an overflow.
        var big = Assert.IsType<double>(Read(Raw((ref MessagePackWriter w) => w.Write(ulong.MaxValue))));
        Assert.Equal(18446744073709551615d, big);
    }

    [Fact]
    public void A_lone_surrogate_is_stored_as_the_replacement_character()
    {
        // MessagePack writes strings as UTF-8 with replacement; pinned so a change is noticed.
        Assert.Equal("a\uFFFDb", Read(Write("a\uD800b")));
    }

    [Theory]
    [InlineData(42, "System.Int32")]
    [InlineData(1.5f, "System.Single")]
    [InlineData('c', "System.Char")]
    public void A_value_of_another_type_is_refused_naming_the_type(object value, string typeName)
    {
        var ex = Assert.Throws<MessagePackSerializationException>(() => Write(value));
        Assert.Contains(typeName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("only null, bool, long, double, string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_plain_value_deep_inside_is_refused_with_its_path()
    {
        var value = new Dictionary<string, object?>
        {
            ["ok"] = 1L,
            ["items"] = new List<object?> { "a", new Dictionary<string, object?> { ["when"] = DateTime.UtcNow } },
        };

        var ex = Assert.Throws<MessagePackSerializationException>(() => Write(value));
        Assert.Contains("System.DateTime", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(at ['items'][1]['when'])", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_collection_types_are_refused()
    {
        Assert.Contains("System.Int64[]", Assert.Throws<MessagePackSerializationException>(() => Write(new[] { 1L })).Message, StringComparison.Ordinal);
        Assert.Contains("List`1[[System.String", Assert.Throws<MessagePackSerializationException>(() => Write(new List<string> { "a" })).Message, StringComparison.Ordinal);
        Assert.Contains("Dictionary`2[[System.String", Assert.Throws<MessagePackSerializationException>(() => Write(new Dictionary<string, string>())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_store_refuses_a_non_plain_input_and_names_the_run_and_the_type()
    {
        var runs = new RunStore(new InMemoryStateStore());
        var run = new RunRecord { RunId = "r-1", Status = "pending", Inputs = new() { ["count"] = 3 } };

        var ex = Assert.Throws<MessagePackSerializationException>(() => runs.SaveRun(run));
        Assert.Contains("run/r-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("System.Int32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(at ['count'])", ex.Message, StringComparison.Ordinal);
        Assert.Null(runs.GetRun("r-1"));
        Assert.Empty(runs.ListActiveRunIds());
    }

    [Fact]
    public void Nesting_is_allowed_to_256_and_refused_beyond_when_writing_and_reading()
    {
        Assert.IsType<List<object?>>(Read(Write(Nested(256))));
        Assert.Contains("256", Assert.Throws<MessagePackSerializationException>(() => Write(Nested(257))).Message, StringComparison.Ordinal);

        // The same depth written by someone else is refused on read.
        var tooDeep = Raw((ref MessagePackWriter w) =>
        {
            for (var i = 0; i < 257; i++)
            {
                w.WriteArrayHeader(1);
            }

            w.WriteNil();
        });
        Assert.Contains("256", Assert.Throws<MessagePackSerializationException>(() => Read(tooDeep)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_that_contains_itself_is_refused_not_a_stack_overflow()
    {
        var list = new List<object?>();
        list.Add(list);
        Assert.Contains("256", Assert.Throws<MessagePackSerializationException>(() => Write(list)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maps_with_non_string_or_repeated_keys_and_binary_and_extensions_are_refused_on_read()
    {
        var intKey = Raw((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write(1);
            w.Write("v");
        });
        Assert.Contains("keys are strings", Assert.Throws<MessagePackSerializationException>(() => Read(intKey)).Message, StringComparison.Ordinal);

        var repeated = Raw((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write("a");
            w.Write(1);
            w.Write("a");
            w.Write(2);
        });
        Assert.Contains("'a' twice", Assert.Throws<MessagePackSerializationException>(() => Read(repeated)).Message, StringComparison.Ordinal);

        var binary = Raw((ref MessagePackWriter w) => w.Write(new byte[] { 1, 2 }));
        Assert.Contains("Binary", Assert.Throws<MessagePackSerializationException>(() => Read(binary)).Message, StringComparison.Ordinal);

        var timestamp = Raw((ref MessagePackWriter w) => w.Write(DateTime.UtcNow));
        Assert.Contains("extension", Assert.Throws<MessagePackSerializationException>(() => Read(timestamp)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_map_formatter_writes_null_as_nil_and_refuses_a_non_map()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        PlainMapFormatter.Instance.Serialize(ref writer, null, s_options);
        writer.Flush();
        var reader = new MessagePackReader(buffer.WrittenMemory);
        Assert.Null(PlainMapFormatter.Instance.Deserialize(ref reader, s_options));

        var list = Raw((ref MessagePackWriter w) => w.WriteArrayHeader(0));
        var ex = Assert.Throws<MessagePackSerializationException>(() =>
        {
            var listReader = new MessagePackReader(list);
            PlainMapFormatter.Instance.Deserialize(ref listReader, s_options);
        });
        Assert.Contains("map was expected", ex.Message, StringComparison.Ordinal);
    }

    private static List<object?> Nested(int depth)
    {
        var outer = new List<object?>();
        var current = outer;
        for (var i = 1; i < depth; i++)
        {
            var inner = new List<object?>();
            current.Add(inner);
            current = inner;
        }

        return outer;
    }
}
