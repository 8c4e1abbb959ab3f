using System.Buffers;
using System.Globalization;
using FastFlow.Storage.Buffers;
using FastFlow.Storage.Records.Migration;
using K4os.Compression.LZ4;
using MessagePack;

namespace FastFlow.Storage.Records;

public sealed partial class RecordCodec
{
    /// <summary>Checks and decodes one record that fills <paramref name="record"/> exactly.</summary>
    /// <param name="record">The record's bytes, nothing before or after.</param>
    /// <param name="kind">The kind the caller expects; any other kind is refused.</param>
    /// <param name="name">The record's key or name, for the exception's message.</param>
    /// <exception cref="CorruptRecordException">The record failed a check.</exception>
    public DecodedRecord<T> Decode<T>(ReadOnlySpan<byte> record, RecordKind kind, string? name = null)
    {
        var header = CheckHeader(record[..Math.Min(record.Length, RecordHeader.Size)], record.Length, name);
        CheckHash(record, header, name);
        CheckFields(header, kind, name);
        return DecodePayload<T>(record.Slice(RecordHeader.Size, header.CompressedLength), header, name);
    }

    /// <summary>Checks and decodes one record that fills <paramref name="record"/> exactly. A record
    /// split over segments is copied to a pooled buffer, after its header has been checked, so no
    /// more than the declared length is ever copied.</summary>
    /// <param name="record">The record's bytes, nothing before or after.</param>
    /// <param name="kind">The kind the caller expects; any other kind is refused.</param>
    /// <param name="name">The record's key or name, for the exception's message.</param>
    /// <exception cref="CorruptRecordException">The record failed a check.</exception>
    public DecodedRecord<T> Decode<T>(in ReadOnlySequence<byte> record, RecordKind kind, string? name = null)
    {
        if (record.IsSingleSegment)
        {
            return Decode<T>(record.FirstSpan, kind, name);
        }

        Span<byte> headerBytes = stackalloc byte[RecordHeader.Size];
        var available = (int)Math.Min(record.Length, RecordHeader.Size);
        record.Slice(0, available).CopyTo(headerBytes);
        var header = CheckHeader(headerBytes[..available], record.Length, name);
        var copy = ArrayPool<byte>.Shared.Rent(header.TotalLength);
        try
        {
            record.CopyTo(copy);
            return Decode<T>(copy.AsSpan(0, header.TotalLength), kind, name);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>The checks that need only the fixed header and the record's length, in order: length,
    /// magic, envelope version, hash algorithm, reserved bytes, size limit, lengths, total length.
    /// Nothing is hashed, allocated or decompressed before they pass.</summary>
    private RecordHeader CheckHeader(ReadOnlySpan<byte> headerBytes, long recordLength, string? name)
    {
        if (headerBytes.Length < RecordHeader.Size)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Truncated, recordLength,
                Bytes(RecordHeader.Size), Bytes(recordLength),
                $"the record is {Bytes(recordLength)} long, shorter than the {RecordHeader.Size}-byte header.");
        }

        if (!headerBytes[..RecordHeader.Magic.Length].SequenceEqual(RecordHeader.Magic))
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Magic, 0,
                ThrowHelper.Hex(RecordHeader.Magic), ThrowHelper.Hex(headerBytes[..RecordHeader.Magic.Length]),
                $"the record starts with {ThrowHelper.Hex(headerBytes[..4])}, not the magic {ThrowHelper.Hex(RecordHeader.Magic)} (\"FFRC\").");
        }

        var header = RecordHeader.Read(headerBytes);
        if (header.EnvelopeVersion != RecordHeader.CurrentEnvelopeVersion)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.EnvelopeVersion, RecordHeader.EnvelopeVersionOffset,
                Number(RecordHeader.CurrentEnvelopeVersion), Number(header.EnvelopeVersion),
                $"the record uses header layout {header.EnvelopeVersion}; this build reads layout {RecordHeader.CurrentEnvelopeVersion} only.");
        }

        if (!RecordHash.IsKnown(header.HashAlgorithm))
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.HashAlgorithm, RecordHeader.HashAlgorithmOffset,
                "1 (XxHash3) or 2 (Sha256)", Number((byte)header.HashAlgorithm),
                $"hash algorithm {(byte)header.HashAlgorithm} is unknown; this build knows 1 (XxHash3) and 2 (Sha256).");
        }

        if (header.Reserved != 0)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Reserved, RecordHeader.ReservedOffset,
                "0", Number(header.Reserved), $"the reserved header bytes hold {header.Reserved}, not 0.");
        }

        CheckLengths(header, recordLength, name);
        return header;
    }

    private void CheckLengths(RecordHeader header, long recordLength, string? name)
    {
        var uncompressed = header.DeclaredUncompressedLength;
        var compressed = header.DeclaredCompressedLength;
        if (uncompressed == 0)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Lengths, RecordHeader.UncompressedLengthOffset,
                "at least 1", "0", "the header declares an empty payload.");
        }

        if (uncompressed > (uint)_maxUncompressedLength)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.SizeLimit, RecordHeader.UncompressedLengthOffset,
                $"at most {Bytes(_maxUncompressedLength)}", Bytes(uncompressed),
                $"the header declares an uncompressed payload of {Bytes(uncompressed)}, over the limit of {Bytes(_maxUncompressedLength)} (RecordCodecOptions.MaxUncompressedLength).");
        }

        var maxCompressed = LZ4Codec.MaximumOutputSize((int)uncompressed);
        if (compressed == 0 || compressed > (uint)maxCompressed)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Lengths, RecordHeader.CompressedLengthOffset,
                $"1 to {Bytes(maxCompressed)}", Bytes(compressed),
                $"the header declares a compressed payload of {Bytes(compressed)}, which LZ4 cannot produce from {Bytes(uncompressed)}.");
        }

        if (uncompressed > (ulong)compressed * MaxCompressionRatio)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Lengths, RecordHeader.UncompressedLengthOffset,
                $"at most {Bytes((long)compressed * MaxCompressionRatio)}", Bytes(uncompressed),
                $"the header declares {Bytes(uncompressed)} uncompressed from {Bytes(compressed)} compressed, more than LZ4's {MaxCompressionRatio}:1 ratio allows.");
        }

        var total = (long)RecordHeader.Size + compressed + header.HashLength;
        if (recordLength < total)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Truncated, recordLength,
                Bytes(total), Bytes(recordLength),
                $"the record is {Bytes(recordLength)} long; its header declares {Bytes(total)} (header, {Bytes(compressed)} of payload, {header.HashLength}-byte hash).");
        }

        if (recordLength > total)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Lengths, total,
                Bytes(total), Bytes(recordLength),
                $"the record is {Bytes(recordLength)} long; its header declares {Bytes(total)}, so {Bytes(recordLength - total)} follow the hash.");
        }
    }

    private static void CheckHash(ReadOnlySpan<byte> record, RecordHeader header, string? name)
    {
        var hashed = RecordHeader.Size + header.CompressedLength;
        Span<byte> computed = stackalloc byte[RecordHash.MaxLength];
        computed = computed[..header.HashLength];
        RecordHash.Compute(header.HashAlgorithm, record[..hashed], computed);
        var stored = record.Slice(hashed, header.HashLength);
        if (!computed.SequenceEqual(stored))
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Hash, hashed,
                ThrowHelper.Hex(computed), ThrowHelper.Hex(stored),
                $"the stored {header.HashAlgorithm} hash {ThrowHelper.Hex(stored)} differs from {ThrowHelper.Hex(computed)}, the hash of bytes 0 to {hashed - 1}.");
        }
    }

    /// <summary>The checks of header fields that the hash has vouched for: a failure here is a record
    /// this build cannot read (a newer build's, or read under the wrong key), not damage.</summary>
    private void CheckFields(RecordHeader header, RecordKind expectedKind, string? name)
    {
        if (header.Kind != expectedKind)
        {
            var found = IsKnownKind(header.Kind) ? header.Kind.ToString() : "unknown kind " + Number((byte)header.Kind);
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Kind, RecordHeader.KindOffset,
                expectedKind.ToString(), found, $"the record is a {found} record where a {expectedKind} record was expected.");
        }

        if (!IsKnownLevel(header.Level))
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.CheckpointLevel, RecordHeader.LevelOffset,
                "0 to 3", Number((byte)header.Level), $"checkpoint level {(byte)header.Level} is unknown.");
        }

        var current = _migrations.CurrentVersion(header.Kind);
        if (header.FormatVersion == 0 || header.FormatVersion > current)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.FormatVersion, RecordHeader.FormatVersionOffset,
                $"1 to {current}", Number(header.FormatVersion),
                header.FormatVersion == 0
                    ? "format version 0 does not exist; versions start at 1."
                    : $"the {header.Kind} record has format version {header.FormatVersion}, newer than this build reads: {header.Kind} records up to version {current}.");
        }
    }

    private DecodedRecord<T> DecodePayload<T>(ReadOnlySpan<byte> compressed, RecordHeader header, string? name)
    {
        var current = PooledBufferWriter.Rent();
        PooledBufferWriter? spare = null;
        try
        {
            var length = header.UncompressedLength;
            var decoded = LZ4Codec.Decode(compressed, current.GetSpan(length)[..length]);
            if (decoded != length)
            {
                ThrowHelper.ThrowCorrupt(name, RecordCheck.Decompression, RecordHeader.Size,
                    Bytes(length), decoded < 0 ? "a malformed block" : Bytes(decoded),
                    decoded < 0
                        ? $"the LZ4 block is malformed or decompresses to more than the declared {Bytes(length)}."
                        : $"the LZ4 block decompresses to {Bytes(decoded)}, not the declared {Bytes(length)}.");
            }

            current.Advance(length);
            var version = header.FormatVersion;
            var target = _migrations.CurrentVersion(header.Kind);
            for (; version < target; version++)
            {
                spare ??= PooledBufferWriter.Rent();
                Migrate(_migrations.Get(header.Kind, version), current, spare, name);
                (current, spare) = (spare, current);
                spare.Clear();
            }

            return new DecodedRecord<T>(Deserialize<T>(current.WrittenMemory, name), header, header.FormatVersion < target);
        }
        finally
        {
            PooledBufferWriter.Return(current);
            if (spare is not null)
            {
                PooledBufferWriter.Return(spare);
            }
        }
    }

    private void Migrate(RecordMigrator migrator, PooledBufferWriter source, PooledBufferWriter destination, string? name)
    {
        var reader = new MessagePackReader(source.WrittenMemory);
        var writer = new MessagePackWriter(destination);
        try
        {
            migrator.Migrate(ref reader, ref writer, _readOptions);
            writer.Flush();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reader throws more than MessagePackSerializationException on malformed input
            // (ReadRaw over a length past the end throws ArgumentOutOfRangeException), and
            // MessagePackSerializer.Deserialize wraps everything too; the cause stays inner.
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Migration, -1, null, null,
                $"the {migrator.Kind} payload could not be migrated from format version {migrator.FromVersion} to {migrator.ToVersion}: {ex.Message}", ex);
        }

        if (!reader.End)
        {
            var left = reader.Sequence.Length - reader.Consumed;
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Migration, -1, "0 bytes left", Bytes(left),
                $"the migration from format version {migrator.FromVersion} to {migrator.ToVersion} left {Bytes(left)} of the {migrator.Kind} payload unread.");
        }

        if (destination.WrittenCount > _maxUncompressedLength)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Migration, -1,
                $"at most {Bytes(_maxUncompressedLength)}", Bytes(destination.WrittenCount),
                $"the migration from format version {migrator.FromVersion} to {migrator.ToVersion} produced {Bytes(destination.WrittenCount)}, over the limit.");
        }
    }

    private T Deserialize<T>(ReadOnlyMemory<byte> payload, string? name)
    {
        T value = default!;
        var read = 0;
        try
        {
            value = MessagePackSerializer.Deserialize<T>(payload, _readOptions, out read);
        }
        catch (MessagePackSerializationException ex)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Payload, -1, null, null,
                $"the payload is not a valid {typeof(T).Name} in MessagePack: {ex.Message}", ex);
        }

        if (read != payload.Length)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Payload, -1, Bytes(payload.Length), Bytes(read),
                $"the {typeof(T).Name} value ends after {Bytes(read)} of the {Bytes(payload.Length)} payload.");
        }

        if (value is null)
        {
            ThrowHelper.ThrowCorrupt(name, RecordCheck.Payload, -1, typeof(T).Name, "nil",
                $"the payload is nil, not a {typeof(T).Name}.");
        }

        return value;
    }

    private static string Bytes(long count) =>
        count == 1 ? "1 byte" : count.ToString(CultureInfo.InvariantCulture) + " bytes";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
