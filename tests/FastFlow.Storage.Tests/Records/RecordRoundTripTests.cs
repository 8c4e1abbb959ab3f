using System.Buffers;
using System.Buffers.Binary;
using CsCheck;
using FastFlow.Storage.Records;

namespace FastFlow.Storage.Tests.Records;

public class RecordRoundTripTests
{
    public static TheoryData<HashAlgorithmKind, CheckpointLevel> HashesAndLevels()
    {
        var data = new TheoryData<HashAlgorithmKind, CheckpointLevel>();
        foreach (var hash in Samples.Hashes)
        {
            foreach (var level in Samples.Levels)
            {
                data.Add(hash, level);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HashesAndLevels))]
    public void Every_sample_record_comes_back_with_its_header(HashAlgorithmKind hash, CheckpointLevel level)
    {
        var codec = Samples.For(hash);
        RoundTrip(codec, RecordKind.Definition, level, Samples.Definition());
        RoundTrip(codec, RecordKind.RunEvent, level, Samples.Event());
        RoundTrip(codec, RecordKind.Checkpoint, level, Samples.Checkpoint());
        RoundTrip(codec, RecordKind.RunState, level, Samples.RunState());
    }

    private static void RoundTrip<T>(RecordCodec codec, RecordKind kind, CheckpointLevel level, T value)
    {
        var record = codec.Encode(kind, level, value);
        var decoded = codec.Decode<T>(record, kind, "round-trip");

        Assert.Equivalent(value, decoded.Value, strict: true);
        Assert.False(decoded.Migrated);
        var header = decoded.Header;
        Assert.Equal(kind, header.Kind);
        Assert.Equal(level, header.Level);
        Assert.Equal(codec.Options.HashAlgorithm, header.HashAlgorithm);
        Assert.Equal(1, header.FormatVersion);
        Assert.Equal(RecordHeader.CurrentEnvelopeVersion, header.EnvelopeVersion);
        Assert.Equal(record.Length, header.TotalLength);
        Assert.Equal(codec.Options.HashAlgorithm == HashAlgorithmKind.Sha256 ? 32 : 8, header.HashLength);
        Assert.Equal(MessagePack.MessagePackSerializer.Serialize(value).Length, header.UncompressedLength);
    }

    [Fact]
    public void Header_fields_sit_at_the_documented_offsets_little_endian()
    {
        var record = Samples.Sha256.Encode(RecordKind.Checkpoint, CheckpointLevel.Comprehensive, Samples.Checkpoint());

        Assert.Equal("FFRC"u8.ToArray(), record[..4]);
        Assert.Equal(1, record[4]);
        Assert.Equal((byte)HashAlgorithmKind.Sha256, record[5]);
        Assert.Equal((byte)RecordKind.Checkpoint, record[6]);
        Assert.Equal((byte)CheckpointLevel.Comprehensive, record[7]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(8)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(10)));
        var uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(12));
        var compressed = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(16));
        Assert.Equal(MessagePack.MessagePackSerializer.Serialize(Samples.Checkpoint()).Length, (int)uncompressed);
        Assert.Equal(record.Length, 20 + (int)compressed + 32);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(record.AsSpan(0, 20 + (int)compressed)), record[(20 + (int)compressed)..]);
    }

    [Fact]
    public void The_xxhash3_trailer_is_the_little_endian_hash_of_header_and_payload()
    {
        var record = Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Minimal, Samples.Definition());
        var hashed = record.Length - 8;

        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64(record.AsSpan(0, hashed)), BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(hashed)));
    }

    [Fact]
    public void The_encoding_of_a_fixed_record_does_not_change()
    {
        // Pins the format: if this fails, records written by earlier builds may no longer read.
        // docs/storage.md shows the same bytes.
        var value = new RunEventRecord { Sequence = 1, Type = "run_started", TaskId = null, At = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), Data = null };
        var record = RecordCodec.Default.Encode(RecordKind.RunEvent, CheckpointLevel.Standard, value);

        Assert.Equal(GoldenRecord, Convert.ToHexString(record));
    }

    internal const string GoldenRecord =
        "4646524301010301010000001600000018000000F0079501AB72756E5F73746172746564C0D6FF67748580C0AE9A5F1D49937FB5";

    [Fact]
    public void Records_appended_to_one_buffer_each_read_back_by_their_declared_length()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var lengths = new[]
        {
            Samples.XxHash3.Encode(buffer, RecordKind.Definition, CheckpointLevel.Minimal, Samples.Definition()),
            Samples.Sha256.Encode(buffer, RecordKind.RunEvent, CheckpointLevel.Debug, Samples.Event()),
            Samples.XxHash3.Encode(buffer, RecordKind.RunState, CheckpointLevel.Standard, Samples.RunState()),
        };

        var bytes = buffer.WrittenSpan;
        Assert.Equal(lengths.Sum(), bytes.Length);
        var first = RecordCodec.Default.Decode<DefinitionRecord>(bytes[..lengths[0]], RecordKind.Definition);
        var second = RecordCodec.Default.Decode<RunEventRecord>(bytes.Slice(lengths[0], lengths[1]), RecordKind.RunEvent);
        var third = RecordCodec.Default.Decode<RunStateRecord>(bytes[(lengths[0] + lengths[1])..], RecordKind.RunState);
        Assert.Equivalent(Samples.Definition(), first.Value, strict: true);
        Assert.Equivalent(Samples.Event(), second.Value, strict: true);
        Assert.Equivalent(Samples.RunState(), third.Value, strict: true);
    }

    [Fact]
    public void The_buffer_writer_and_array_encodings_are_the_same_bytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Samples.Sha256.Encode(buffer, RecordKind.Checkpoint, CheckpointLevel.Standard, Samples.Checkpoint());

        Assert.Equal(Samples.Sha256.Encode(RecordKind.Checkpoint, CheckpointLevel.Standard, Samples.Checkpoint()), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_record_split_over_segments_decodes_like_one_span_wherever_it_is_cut()
    {
        var record = Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());
        for (var cut = 1; cut < record.Length; cut++)
        {
            var sequence = Samples.Segmented(record, cut, cut + 7);
            Assert.False(sequence.IsSingleSegment);
            Assert.Equivalent(Samples.Definition(), Samples.XxHash3.Decode<DefinitionRecord>(sequence, RecordKind.Definition).Value, strict: true);
        }
    }

    [Fact]
    public void Random_values_round_trip_with_either_hash()
    {
        Gen.Select(Samples.Definitions, Gen.OneOf(Samples.Hashes), Gen.OneOf(Samples.Levels)).Sample((value, hash, level) =>
        {
            var codec = Samples.For(hash);
            var decoded = codec.Decode<DefinitionRecord>(codec.Encode(RecordKind.Definition, level, value), RecordKind.Definition);
            Assert.Equivalent(value, decoded.Value, strict: true);
            Assert.Equal(level, decoded.Header.Level);
        }, iter: 300);

        Samples.Events.Sample(value =>
        {
            var decoded = Samples.Sha256.Decode<RunEventRecord>(Samples.Sha256.Encode(RecordKind.RunEvent, CheckpointLevel.Debug, value), RecordKind.RunEvent);
            Assert.Equivalent(value, decoded.Value, strict: true);
        }, iter: 300);
    }

    [Fact]
    public void Repetitive_payloads_are_compressed()
    {
        var value = new DefinitionRecord { Id = "big", Source = string.Concat(Enumerable.Repeat("- id: task\n  action: noop\n", 400)) };
        var record = RecordCodec.Default.Encode(RecordKind.Definition, CheckpointLevel.Standard, value);
        var header = RecordCodec.Default.Decode<DefinitionRecord>(record, RecordKind.Definition).Header;

        Assert.True(header.UncompressedLength > 10_000);
        Assert.True(record.Length < header.UncompressedLength / 10, $"{record.Length} bytes for {header.UncompressedLength} of MessagePack");
    }

    [Fact]
    public void Encoding_into_a_buffer_writer_allocates_nothing_once_warm()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var value = Samples.Checkpoint();
        for (var i = 0; i < 10; i++)
        {
            Samples.XxHash3.Encode(buffer, RecordKind.Checkpoint, CheckpointLevel.Standard, value);
            buffer.ResetWrittenCount();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Samples.XxHash3.Encode(buffer, RecordKind.Checkpoint, CheckpointLevel.Standard, value);
            buffer.ResetWrittenCount();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Encoding_to_an_array_allocates_only_the_array()
    {
        var value = Samples.Definition();
        var length = 0;
        for (var i = 0; i < 10; i++)
        {
            length = Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, value).Length;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, value);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A byte array's object header and length take 24 bytes on 64-bit; the payload is padded to 8.
        Assert.InRange(allocated, length, length + 32);
    }

    [Fact]
    public void Encode_refuses_unknown_kinds_levels_and_null()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordCodec.Default.Encode((RecordKind)0, CheckpointLevel.Standard, Samples.Definition()));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordCodec.Default.Encode((RecordKind)6, CheckpointLevel.Standard, Samples.Definition()));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordCodec.Default.Encode(RecordKind.Definition, (CheckpointLevel)4, Samples.Definition()));
        Assert.Throws<ArgumentNullException>(() => RecordCodec.Default.Encode<DefinitionRecord?>(RecordKind.Definition, CheckpointLevel.Standard, null));
    }

    [Fact]
    public void Encode_refuses_a_payload_over_the_limit_naming_it()
    {
        var codec = new RecordCodec(new RecordCodecOptions { MaxUncompressedLength = 1000 });
        var value = new DefinitionRecord { Source = new string('x', 1000) };

        var error = Assert.Throws<InvalidOperationException>(() => codec.Encode(RecordKind.Definition, CheckpointLevel.Standard, value));
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxUncompressedLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RecordCodec(new RecordCodecOptions { HashAlgorithm = (HashAlgorithmKind)9 }));
        Assert.Throws<ArgumentException>(() => new RecordCodec(new RecordCodecOptions { MaxUncompressedLength = 0 }));
        Assert.Throws<ArgumentException>(() => new RecordCodec(new RecordCodecOptions { MaxUncompressedLength = RecordCodecOptions.LargestMaxUncompressedLength + 1 }));
    }
}
