using FastFlow.Storage.Records.Migration;
using MessagePack;

namespace FastFlow.Storage.Records;

/// <summary>Settings of a <see cref="RecordCodec"/>.</summary>
public sealed class RecordCodecOptions
{
    /// <summary>The default <see cref="MaxUncompressedLength"/>: 64 MiB.</summary>
    public const int DefaultMaxUncompressedLength = 64 * 1024 * 1024;

    /// <summary>The largest <see cref="MaxUncompressedLength"/> allowed: 1 GiB.</summary>
    public const int LargestMaxUncompressedLength = 1024 * 1024 * 1024;

    /// <summary>The hash written into new records. Records are read with the algorithm their header
    /// names, whatever this says. Default: <see cref="HashAlgorithmKind.XxHash3"/>.</summary>
    public HashAlgorithmKind HashAlgorithm { get; init; } = HashAlgorithmKind.XxHash3;

    /// <summary>The largest MessagePack payload written or read, in bytes. A record declaring a
    /// larger one is refused before anything is decompressed or allocated for it.
    /// Default: <see cref="DefaultMaxUncompressedLength"/>.</summary>
    public int MaxUncompressedLength { get; init; } = DefaultMaxUncompressedLength;

    /// <summary>The MessagePack options. Payloads are always read with
    /// <see cref="MessagePackSecurity.UntrustedData"/> (or the stricter security these options carry).
    /// Default: <see cref="MessagePackSerializerOptions.Standard"/>.</summary>
    public MessagePackSerializerOptions SerializerOptions { get; init; } = MessagePackSerializerOptions.Standard;

    /// <summary>The format versions and migrators. Default: <see cref="MigrationChain.Empty"/>
    /// (every kind at version 1).</summary>
    public MigrationChain Migrations { get; init; } = MigrationChain.Empty;
}
