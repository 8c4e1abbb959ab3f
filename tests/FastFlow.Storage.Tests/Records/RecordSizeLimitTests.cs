using FastFlow.Storage.Records;
using K4os.Compression.LZ4;
using MessagePack;

namespace FastFlow.Storage.Tests.Records;

public class RecordSizeLimitTests
{
    /// <summary>Far below any size claimed here: the exception and its message, nothing sized by the header.</summary>
    private const long AllocationBudget = 64 * 1024;

    private static (CorruptRecordException Error, long Allocated) DecodeMeasured(RecordCodec codec, byte[] record)
    {
        // Warm up the throw path (type loading, resource strings) so only this decode is measured.
        Assert.Throws<CorruptRecordException>(() => codec.Decode<DefinitionRecord>(record, RecordKind.Definition));
        var before = GC.GetAllocatedBytesForCurrentThread();
        CorruptRecordException? error = null;
        try
        {
            codec.Decode<DefinitionRecord>(record, RecordKind.Definition, "definitions/orders");
        }
        catch (CorruptRecordException caught)
        {
            error = caught;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotNull(error);
        return (error, allocated);
    }

    [Fact]
    public void A_header_claiming_4_gib_is_refused_without_allocating_it()
    {
        var payload = MessagePackSerializer.Serialize(Samples.Definition());
        var record = RecordForge.FromBlock(RecordForge.Compress(payload), uint.MaxValue);

        var (error, allocated) = DecodeMeasured(RecordCodec.Default, record);

        Assert.Equal(RecordCheck.SizeLimit, error.Check);
        Assert.Equal(12, error.Offset);
        Assert.Contains("4294967295 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("67108864 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_header_claiming_just_over_the_limit_is_refused_without_allocating_it()
    {
        var payload = MessagePackSerializer.Serialize(Samples.Definition());
        var record = RecordForge.FromBlock(RecordForge.Compress(payload), RecordCodecOptions.DefaultMaxUncompressedLength + 1u);

        var (error, allocated) = DecodeMeasured(RecordCodec.Default, record);

        Assert.Equal(RecordCheck.SizeLimit, error.Check);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Within_a_large_limit_a_size_lz4_cannot_reach_from_the_block_is_refused_without_allocating_it()
    {
        var codec = new RecordCodec(new RecordCodecOptions { MaxUncompressedLength = RecordCodecOptions.LargestMaxUncompressedLength });
        var payload = MessagePackSerializer.Serialize(Samples.Definition());
        var block = RecordForge.Compress(payload);
        var record = RecordForge.FromBlock(block, 512 * 1024 * 1024);

        var (error, allocated) = DecodeMeasured(codec, record);

        Assert.Equal(RecordCheck.Lengths, error.Check);
        Assert.Contains("255:1", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated} bytes");
    }

    [Fact]
    public void The_limit_is_configurable_and_checked_on_read()
    {
        var value = new DefinitionRecord { Id = "x", Source = new string('y', 2000) };
        var record = RecordCodec.Default.Encode(RecordKind.Definition, CheckpointLevel.Standard, value);
        var strict = new RecordCodec(new RecordCodecOptions { MaxUncompressedLength = 1000 });

        var error = Assert.Throws<CorruptRecordException>(() => strict.Decode<DefinitionRecord>(record, RecordKind.Definition));
        Assert.Equal(RecordCheck.SizeLimit, error.Check);
        Assert.Equal("at most 1000 bytes", error.Expected);
        Assert.Equal(value.Source, RecordCodec.Default.Decode<DefinitionRecord>(record, RecordKind.Definition).Value.Source);
    }

    [Fact]
    public void The_ratio_check_never_refuses_what_lz4_writes_at_its_best_ratio()
    {
        // Zeros compress best; a record near the default limit must still read back.
        var value = new RunEventRecord { Type = "bulk", Data = new byte[RecordCodecOptions.DefaultMaxUncompressedLength - 64] };
        var record = RecordCodec.Default.Encode(RecordKind.RunEvent, CheckpointLevel.Debug, value);
        var decoded = RecordCodec.Default.Decode<RunEventRecord>(record, RecordKind.RunEvent);

        Assert.Equal(value.Data.Length, decoded.Value.Data!.Length);
        var ratio = (double)decoded.Header.UncompressedLength / decoded.Header.CompressedLength;
        Assert.InRange(ratio, 200, RecordCodec.MaxCompressionRatio);

        var zeros = new byte[1 << 20];
        var block = new byte[LZ4Codec.MaximumOutputSize(zeros.Length)];
        Assert.True(LZ4Codec.Encode(zeros, block, LZ4Level.L12_MAX) * (long)RecordCodec.MaxCompressionRatio >= zeros.Length);
    }

    [Fact]
    public void A_split_record_claiming_a_huge_size_is_refused_before_it_is_copied()
    {
        var payload = MessagePackSerializer.Serialize(Samples.Definition());
        var record = RecordForge.FromBlock(RecordForge.Compress(payload), uint.MaxValue);
        var sequence = Samples.Segmented(record, 7, 30);

        var error = Assert.Throws<CorruptRecordException>(() => RecordCodec.Default.Decode<DefinitionRecord>(sequence, RecordKind.Definition));
        Assert.Equal(RecordCheck.SizeLimit, error.Check);
    }
}
