using System.Buffers.Binary;
using CsCheck;
using FastFlow.Storage.Records;
using MessagePack;

namespace FastFlow.Storage.Tests.Records;

public class RecordCorruptionTests
{
    private static CorruptRecordException Refused<T>(byte[] record, RecordKind kind, RecordCodec? codec = null)
    {
        // Assert.Throws wants this exact type: any other exception fails the test.
        var error = Assert.Throws<CorruptRecordException>(() => (codec ?? Samples.Current).Decode<T>(record, kind, "runs/r-1"));
        Assert.Equal("runs/r-1", error.RecordName);
        Assert.Contains("'runs/r-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Check.ToString(), error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Any_single_bit_flip_anywhere_is_refused()
    {
        Samples.Records.SelectMany(record => Gen.Int[0, record.Length * 8 - 1].Select(bit => (record, bit))).Sample((record, bit) =>
        {
            record[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<CorruptRecordException>(() => Samples.DecodeAny(record));
        }, iter: 2000);
    }

    [Fact]
    public void Every_single_bit_flip_of_a_sample_record_is_refused()
    {
        foreach (var hash in Samples.Hashes)
        {
            var original = Samples.For(hash).Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());
            for (var bit = 0; bit < original.Length * 8; bit++)
            {
                var record = (byte[])original.Clone();
                record[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.Throws<CorruptRecordException>(() => Samples.DecodeAny(record));
            }
        }
    }

    [Fact]
    public void Several_bit_flips_anywhere_are_refused()
    {
        Samples.Records
            .SelectMany(record => Gen.Int[0, record.Length * 8 - 1].HashSet[2, 16].Select(bits => (record, bits)))
            .Sample((record, bits) =>
            {
                foreach (var bit in bits)
                {
                    record[bit / 8] ^= (byte)(1 << (bit % 8));
                }

                Assert.Throws<CorruptRecordException>(() => Samples.DecodeAny(record));
            }, iter: 2000);
    }

    [Fact]
    public void Overwritten_bytes_are_refused()
    {
        Samples.Records
            .SelectMany(record => Gen.Select(Gen.Int[0, record.Length - 1], Gen.Byte.Array[1, 12]).Select(edit => (record, edit.Item1, edit.Item2)))
            .Sample((record, start, bytes) =>
            {
                var original = (byte[])record.Clone();
                bytes.AsSpan(0, Math.Min(bytes.Length, record.Length - start)).CopyTo(record.AsSpan(start));
                if (record.AsSpan().SequenceEqual(original))
                {
                    return;
                }

                Assert.Throws<CorruptRecordException>(() => Samples.DecodeAny(record));
            }, iter: 1000);
    }

    [Fact]
    public void Truncation_at_every_offset_is_refused_as_truncated()
    {
        var samples = new[]
        {
            Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition()),
            Samples.Sha256.Encode(RecordKind.Definition, CheckpointLevel.Debug, Samples.Definition()),
            Samples.XxHash3.Encode(RecordKind.RunEvent, CheckpointLevel.Minimal, Samples.Event()),
            Samples.Sha256.Encode(RecordKind.RunEvent, CheckpointLevel.Comprehensive, new RunEventRecord { Type = "x" }),
        };
        foreach (var record in samples)
        {
            for (var length = 0; length < record.Length; length++)
            {
                var cut = record[..length];
                var error = Assert.Throws<CorruptRecordException>(() => Samples.DecodeAny(cut));
                Assert.Equal(RecordCheck.Truncated, error.Check);
                Assert.Equal(length, error.Offset);

                // The same through a sequence of two segments.
                var sequence = Samples.Segmented(cut, length / 2);
                error = Assert.Throws<CorruptRecordException>(() => Samples.Current.Decode<DefinitionRecord>(sequence, RecordKind.Definition));
                Assert.Equal(RecordCheck.Truncated, error.Check);
            }
        }
    }

    [Fact]
    public void Bytes_after_the_hash_are_refused()
    {
        var record = Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());

        var error = Refused<DefinitionRecord>([.. record, 0], RecordKind.Definition);
        Assert.Equal(RecordCheck.Lengths, error.Check);
        Assert.Equal(record.Length, error.Offset);
    }

    [Fact]
    public void A_wrong_magic_is_refused_before_anything_else()
    {
        var record = Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());
        "FFRD"u8.CopyTo(record);

        var error = Refused<DefinitionRecord>(record, RecordKind.Definition);
        Assert.Equal(RecordCheck.Magic, error.Check);
        Assert.Equal(0, error.Offset);
        Assert.Equal("46465243", error.Expected);
        Assert.Equal("46465244", error.Actual);
        Assert.Contains("FFRC", error.Message, StringComparison.Ordinal);

        // Text, or a record of another format, is no record either.
        Assert.Equal(RecordCheck.Magic, Refused<DefinitionRecord>("{\"id\": \"orders\", \"tasks\": []}"u8.ToArray(), RecordKind.Definition).Check);
    }

    [Fact]
    public void A_newer_envelope_layout_is_refused_naming_both_layouts()
    {
        var record = RecordForge.FromPayload(MessagePackSerializer.Serialize(Samples.Definition()));
        record[4] = 2;
        RecordForge.Rehash(record);

        var error = Refused<DefinitionRecord>(record, RecordKind.Definition);
        Assert.Equal(RecordCheck.EnvelopeVersion, error.Check);
        Assert.Contains("layout 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("layout 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public void An_unknown_hash_algorithm_is_refused(byte algorithm)
    {
        var record = Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());
        record[5] = algorithm;

        var error = Refused<DefinitionRecord>(record, RecordKind.Definition);
        Assert.Equal(RecordCheck.HashAlgorithm, error.Check);
        Assert.Equal(5, error.Offset);
        Assert.Equal(algorithm.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Actual);
    }

    [Fact]
    public void Reserved_bytes_must_be_zero_even_under_a_valid_hash()
    {
        var record = RecordForge.FromBlock(RecordForge.Compress(MessagePackSerializer.Serialize(Samples.Definition())),
            (uint)MessagePackSerializer.Serialize(Samples.Definition()).Length, reserved: 1);

        Assert.Equal(RecordCheck.Reserved, Refused<DefinitionRecord>(record, RecordKind.Definition).Check);
    }

    [Fact]
    public void A_changed_payload_byte_fails_the_hash_with_both_hashes_in_the_message()
    {
        foreach (var hash in Samples.Hashes)
        {
            var record = Samples.For(hash).Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());
            record[RecordHeader.Size + 3] ^= 0x40;

            var error = Refused<DefinitionRecord>(record, RecordKind.Definition);
            Assert.Equal(RecordCheck.Hash, error.Check);
            var hashLength = hash == HashAlgorithmKind.Sha256 ? 32 : 8;
            Assert.Equal(record.Length - hashLength, error.Offset);
            Assert.Equal(Convert.ToHexString(record.AsSpan(record.Length - hashLength)), error.Actual);
            Assert.NotEqual(error.Expected, error.Actual);
            Assert.Contains(error.Actual!, error.Message, StringComparison.Ordinal);
            Assert.Contains(error.Expected!, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_record_of_another_kind_is_refused()
    {
        var record = Samples.XxHash3.Encode(RecordKind.RunEvent, CheckpointLevel.Standard, Samples.Event());

        var error = Refused<DefinitionRecord>(record, RecordKind.Definition);
        Assert.Equal(RecordCheck.Kind, error.Check);
        Assert.Equal("Definition", error.Expected);
        Assert.Equal("RunEvent", error.Actual);
    }

    [Fact]
    public void Unknown_kinds_and_levels_are_refused_even_under_a_valid_hash()
    {
        var payload = MessagePackSerializer.Serialize(Samples.Definition());

        Assert.Equal(RecordCheck.Kind, Refused<DefinitionRecord>(RecordForge.FromPayload(payload, kind: (RecordKind)77), RecordKind.Definition).Check);
        Assert.Equal(RecordCheck.CheckpointLevel, Refused<DefinitionRecord>(RecordForge.FromPayload(payload, level: (CheckpointLevel)4), RecordKind.Definition).Check);
    }

    [Fact]
    public void Format_version_zero_is_refused()
    {
        var record = RecordForge.FromPayload(MessagePackSerializer.Serialize(Samples.Definition()), formatVersion: 0);

        Assert.Equal(RecordCheck.FormatVersion, Refused<DefinitionRecord>(record, RecordKind.Definition).Check);
    }

    [Fact]
    public void Malformed_messagepack_under_a_valid_hash_is_refused_as_payload()
    {
        byte[][] payloads =
        [
            [0xC1],                                        // a byte MessagePack never uses
            [0x94, 0xA3, (byte)'a'],                       // a string cut short
            [0x94, 0x01, 0x02, 0x03, 0x04],                // an int where the id string belongs
            [0xC0],                                        // nil
            [.. MessagePackSerializer.Serialize(Samples.Definition()), 0x01], // a second value after the record
            [0xDD, 0xFF, 0xFF, 0xFF, 0xFF],                // an array claiming 4 billion items
        ];
        foreach (var payload in payloads)
        {
            var error = Refused<DefinitionRecord>(RecordForge.FromPayload(payload), RecordKind.Definition);
            Assert.Equal(RecordCheck.Payload, error.Check);
        }
    }

    [Fact]
    public void The_messagepack_failure_is_kept_as_the_inner_exception()
    {
        var error = Refused<DefinitionRecord>(RecordForge.FromPayload([0x94, 0x01, 0x02, 0x03, 0x04]), RecordKind.Definition);

        Assert.IsType<MessagePackSerializationException>(error.InnerException);
    }

    [Fact]
    public void Random_messagepack_under_a_valid_hash_never_escapes_as_another_exception()
    {
        Gen.Byte.Array[1, 200].Sample(payload =>
        {
            var record = RecordForge.FromPayload(payload);
            try
            {
                Samples.Current.Decode<DefinitionRecord>(record, RecordKind.Definition);
            }
            catch (CorruptRecordException error)
            {
                Assert.Equal(RecordCheck.Payload, error.Check);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Random_lz4_blocks_under_a_valid_hash_never_escape_as_another_exception()
    {
        Gen.Select(Gen.Byte.Array[1, 200], Gen.Int[1, 255 * 4]).Sample((block, declared) =>
        {
            var record = RecordForge.FromBlock(block, (uint)Math.Min(declared, block.Length * 255));
            try
            {
                Samples.Current.Decode<DefinitionRecord>(record, RecordKind.Definition);
            }
            catch (CorruptRecordException error)
            {
                Assert.Contains(error.Check, new[] { RecordCheck.Lengths, RecordCheck.Decompression, RecordCheck.Payload });
            }
        }, iter: 3000);
    }

    [Fact]
    public void A_block_that_decompresses_to_another_length_than_declared_is_refused()
    {
        var payload = MessagePackSerializer.Serialize(Samples.Definition());
        var block = RecordForge.Compress(payload);

        var longer = Refused<DefinitionRecord>(RecordForge.FromBlock(block, (uint)payload.Length + 1), RecordKind.Definition);
        Assert.Equal(RecordCheck.Decompression, longer.Check);
        Assert.Equal($"{payload.Length + 1} bytes", longer.Expected);
        Assert.Equal($"{payload.Length} bytes", longer.Actual);

        var shorter = Refused<DefinitionRecord>(RecordForge.FromBlock(block, (uint)payload.Length - 1), RecordKind.Definition);
        Assert.Equal(RecordCheck.Decompression, shorter.Check);
    }

    [Fact]
    public void A_declared_compressed_length_lz4_cannot_produce_is_refused()
    {
        var record = Samples.XxHash3.Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), 1);

        Assert.Equal(RecordCheck.Lengths, Refused<DefinitionRecord>(record, RecordKind.Definition).Check);
    }
}
