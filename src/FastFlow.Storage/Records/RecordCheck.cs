namespace FastFlow.Storage.Records;

/// <summary>The check a record failed, in the order <see cref="RecordCodec"/> makes them.</summary>
public enum RecordCheck
{
    /// <summary>The record is shorter than its fixed header or than the lengths it declares.</summary>
    Truncated,

    /// <summary>The first four bytes are not the record magic <c>FFRC</c>.</summary>
    Magic,

    /// <summary>The header layout version is not one this build reads.</summary>
    EnvelopeVersion,

    /// <summary>The hash algorithm byte names no known algorithm.</summary>
    HashAlgorithm,

    /// <summary>The reserved header bytes are not zero.</summary>
    Reserved,

    /// <summary>The declared uncompressed length exceeds <see cref="RecordCodecOptions.MaxUncompressedLength"/>.</summary>
    SizeLimit,

    /// <summary>The declared lengths contradict each other or the record's length (zero lengths, a
    /// ratio LZ4 cannot produce, bytes after the hash).</summary>
    Lengths,

    /// <summary>The stored hash differs from the hash of the header fields and payload.</summary>
    Hash,

    /// <summary>The record kind is unknown or not the kind the reader asked for.</summary>
    Kind,

    /// <summary>The checkpoint level byte names no known level.</summary>
    CheckpointLevel,

    /// <summary>The format version is zero or newer than this build reads.</summary>
    FormatVersion,

    /// <summary>The LZ4 block is malformed or does not decompress to the declared length.</summary>
    Decompression,

    /// <summary>A migrator could not upgrade the payload to the next format version.</summary>
    Migration,

    /// <summary>The MessagePack payload is malformed, nil, or followed by extra bytes.</summary>
    Payload,
}
