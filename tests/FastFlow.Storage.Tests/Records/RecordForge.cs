using FastFlow.Storage.Records;
using K4os.Compression.LZ4;

namespace FastFlow.Storage.Tests.Records;

/// <summary>Builds records by hand, with any header fields and a correct hash, to reach the checks
/// that come after the hash (a corrupted record would fail the hash first).</summary>
internal static class RecordForge
{
    /// <summary>A record around an LZ4 block given as it is.</summary>
    public static byte[] FromBlock(ReadOnlySpan<byte> block, uint uncompressedLength, RecordKind kind = RecordKind.Definition,
        CheckpointLevel level = CheckpointLevel.Standard, ushort formatVersion = 1, HashAlgorithmKind hash = HashAlgorithmKind.XxHash3,
        byte envelopeVersion = RecordHeader.CurrentEnvelopeVersion, ushort reserved = 0)
    {
        var hashLength = hash == HashAlgorithmKind.Sha256 ? 32 : 8;
        var record = new byte[RecordHeader.Size + block.Length + hashLength];
        new RecordHeader(envelopeVersion, hash, kind, level, formatVersion, reserved, uncompressedLength, (uint)block.Length).Write(record);
        block.CopyTo(record.AsSpan(RecordHeader.Size));
        var hashed = RecordHeader.Size + block.Length;
        if (RecordHash.IsKnown(hash))
        {
            RecordHash.Compute(hash, record.AsSpan(0, hashed), record.AsSpan(hashed));
        }

        return record;
    }

    /// <summary>A record around MessagePack bytes given as they are (compressed here).</summary>
    public static byte[] FromPayload(ReadOnlySpan<byte> payload, RecordKind kind = RecordKind.Definition,
        CheckpointLevel level = CheckpointLevel.Standard, ushort formatVersion = 1, HashAlgorithmKind hash = HashAlgorithmKind.XxHash3) =>
        FromBlock(Compress(payload), (uint)payload.Length, kind, level, formatVersion, hash);

    /// <summary>The LZ4 block of <paramref name="payload"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> payload)
    {
        var block = new byte[LZ4Codec.MaximumOutputSize(payload.Length)];
        var length = LZ4Codec.Encode(payload, block, LZ4Level.L00_FAST);
        return block.AsSpan(0, length).ToArray();
    }

    /// <summary>Recomputes the hash of a record whose header or payload was edited.</summary>
    public static byte[] Rehash(byte[] record)
    {
        var header = RecordHeader.Read(record);
        var hashed = RecordHeader.Size + header.CompressedLength;
        RecordHash.Compute(header.HashAlgorithm, record.AsSpan(0, hashed), record.AsSpan(hashed));
        return record;
    }
}
