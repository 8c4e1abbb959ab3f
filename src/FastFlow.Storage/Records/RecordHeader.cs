using System.Buffers.Binary;

namespace FastFlow.Storage.Records;

/// <summary>The fixed 20-byte header at the start of every record, all integers little-endian:
/// <code>
/// offset size field
///      0    4 magic "FFRC" (46 46 52 43)
///      4    1 envelope version (this layout: 1)
///      5    1 hash algorithm (<see cref="HashAlgorithmKind"/>)
///      6    1 record kind (<see cref="RecordKind"/>)
///      7    1 checkpoint level (<see cref="CheckpointLevel"/>)
///      8    2 format version of the payload, per record kind
///     10    2 reserved, zero
///     12    4 uncompressed (MessagePack) length
///     16    4 compressed (LZ4 block) length
/// </code>
/// The compressed payload follows, then the hash of every byte before it (header and payload).
/// </summary>
/// <remarks>The hash is a trailer rather than a header field so that it covers one contiguous span
/// and both algorithms hash it with a single one-shot call, on write and on read.</remarks>
public readonly struct RecordHeader
{
    /// <summary>The size of the fixed header in bytes.</summary>
    public const int Size = 20;

    /// <summary>The header layout this build writes and reads.</summary>
    public const byte CurrentEnvelopeVersion = 1;

    /// <summary>Offset of the envelope version byte.</summary>
    internal const int EnvelopeVersionOffset = 4;

    /// <summary>Offset of the hash algorithm byte.</summary>
    internal const int HashAlgorithmOffset = 5;

    /// <summary>Offset of the record kind byte.</summary>
    internal const int KindOffset = 6;

    /// <summary>Offset of the checkpoint level byte.</summary>
    internal const int LevelOffset = 7;

    /// <summary>Offset of the 16-bit format version.</summary>
    internal const int FormatVersionOffset = 8;

    /// <summary>Offset of the two reserved bytes.</summary>
    internal const int ReservedOffset = 10;

    /// <summary>Offset of the 32-bit uncompressed length.</summary>
    internal const int UncompressedLengthOffset = 12;

    /// <summary>Offset of the 32-bit compressed length.</summary>
    internal const int CompressedLengthOffset = 16;

    internal RecordHeader(byte envelopeVersion, HashAlgorithmKind hashAlgorithm, RecordKind kind, CheckpointLevel level,
        ushort formatVersion, ushort reserved, uint uncompressedLength, uint compressedLength)
    {
        EnvelopeVersion = envelopeVersion;
        HashAlgorithm = hashAlgorithm;
        Kind = kind;
        Level = level;
        FormatVersion = formatVersion;
        Reserved = reserved;
        DeclaredUncompressedLength = uncompressedLength;
        DeclaredCompressedLength = compressedLength;
    }

    /// <summary>The four bytes every record starts with: ASCII <c>FFRC</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "FFRC"u8;

    /// <summary>The header layout version.</summary>
    public byte EnvelopeVersion { get; }

    /// <summary>The algorithm of the hash trailer.</summary>
    public HashAlgorithmKind HashAlgorithm { get; }

    /// <summary>What the record holds.</summary>
    public RecordKind Kind { get; }

    /// <summary>How much of the run the record holds.</summary>
    public CheckpointLevel Level { get; }

    /// <summary>The payload's format version as stored (before any migration).</summary>
    public ushort FormatVersion { get; }

    /// <summary>The length of the MessagePack payload.</summary>
    public int UncompressedLength => (int)DeclaredUncompressedLength;

    /// <summary>The length of the LZ4 block that follows the header.</summary>
    public int CompressedLength => (int)DeclaredCompressedLength;

    /// <summary>The length of the hash trailer.</summary>
    public int HashLength => RecordHash.GetLength(HashAlgorithm);

    /// <summary>The length of the whole record: header, compressed payload and hash.</summary>
    public int TotalLength => Size + CompressedLength + HashLength;

    /// <summary>The reserved field as read; zero in every valid record.</summary>
    internal ushort Reserved { get; }

    /// <summary>The uncompressed length as read, before it was checked.</summary>
    internal uint DeclaredUncompressedLength { get; }

    /// <summary>The compressed length as read, before it was checked.</summary>
    internal uint DeclaredCompressedLength { get; }

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    internal void Write(Span<byte> destination)
    {
        var header = destination[..Size];
        Magic.CopyTo(header);
        header[EnvelopeVersionOffset] = EnvelopeVersion;
        header[HashAlgorithmOffset] = (byte)HashAlgorithm;
        header[KindOffset] = (byte)Kind;
        header[LevelOffset] = (byte)Level;
        BinaryPrimitives.WriteUInt16LittleEndian(header[FormatVersionOffset..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[ReservedOffset..], Reserved);
        BinaryPrimitives.WriteUInt32LittleEndian(header[UncompressedLengthOffset..], DeclaredUncompressedLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[CompressedLengthOffset..], DeclaredCompressedLength);
    }

    /// <summary>Reads the fields of the first <see cref="Size"/> bytes of <paramref name="source"/>
    /// as they are; the magic is not read and nothing is checked.</summary>
    internal static RecordHeader Read(ReadOnlySpan<byte> source)
    {
        var header = source[..Size];
        return new RecordHeader(
            header[EnvelopeVersionOffset],
            (HashAlgorithmKind)header[HashAlgorithmOffset],
            (RecordKind)header[KindOffset],
            (CheckpointLevel)header[LevelOffset],
            BinaryPrimitives.ReadUInt16LittleEndian(header[FormatVersionOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(header[ReservedOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[UncompressedLengthOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[CompressedLengthOffset..]));
    }
}
