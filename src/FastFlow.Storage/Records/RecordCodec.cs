using System.Buffers;
using FastFlow.Storage.Buffers;
using FastFlow.Storage.Records.Migration;
using K4os.Compression.LZ4;
using MessagePack;

namespace FastFlow.Storage.Records;

/// <summary>Turns values into records and records back into values: MessagePack, then an LZ4 block,
/// behind a <see cref="RecordHeader"/> and followed by a hash of everything before it. Decoding checks
/// the record before it trusts any of it (docs/storage.md lists the checks in order) and throws
/// <see cref="CorruptRecordException"/> for any failure; a record that fails is never returned.
/// Thread-safe; create one per configuration and share it.</summary>
public sealed partial class RecordCodec
{
    /// <summary>An LZ4 block expands at most 255-fold (each length byte adds at most 255 bytes),
    /// so a header declaring more is refused before any buffer is sized from it.</summary>
    internal const int MaxCompressionRatio = 255;

    /// <summary>The options the codec was created with.</summary>
    private readonly RecordCodecOptions _options;

    /// <summary>Options for reading payloads: the configured ones with untrusted-data security.</summary>
    private readonly MessagePackSerializerOptions _readOptions;

    /// <summary>Format versions and migrators.</summary>
    private readonly MigrationChain _migrations;

    /// <summary>The hash written into new records.</summary>
    private readonly HashAlgorithmKind _hashAlgorithm;

    /// <summary>The largest payload written or read.</summary>
    private readonly int _maxUncompressedLength;

    /// <summary>Creates a codec.</summary>
    /// <exception cref="ArgumentException">The options name an unknown hash algorithm or a limit out of range.</exception>
    public RecordCodec(RecordCodecOptions? options = null)
    {
        options ??= new RecordCodecOptions();
        if (!RecordHash.IsKnown(options.HashAlgorithm))
        {
            throw new ArgumentException($"Unknown hash algorithm {(byte)options.HashAlgorithm}.", nameof(options));
        }

        if (options.MaxUncompressedLength is < 1 or > RecordCodecOptions.LargestMaxUncompressedLength)
        {
            throw new ArgumentException(
                $"MaxUncompressedLength must be between 1 and {RecordCodecOptions.LargestMaxUncompressedLength}; it is {options.MaxUncompressedLength}.",
                nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.SerializerOptions, "options.SerializerOptions");
        ArgumentNullException.ThrowIfNull(options.Migrations, "options.Migrations");
        _options = options;
        _hashAlgorithm = options.HashAlgorithm;
        _maxUncompressedLength = options.MaxUncompressedLength;
        _migrations = options.Migrations;
        var serializerOptions = options.SerializerOptions;
        _readOptions = serializerOptions.Security == MessagePackSecurity.TrustedData
            ? serializerOptions.WithSecurity(MessagePackSecurity.UntrustedData)
            : serializerOptions;
    }

    /// <summary>A codec with the default options: XXH3, 64 MiB limit, every kind at format version 1.</summary>
    public static RecordCodec Default { get; } = new();

    /// <summary>The options the codec was created with.</summary>
    public RecordCodecOptions Options => _options;

    /// <summary>The format version this codec writes, and the newest it reads, for <paramref name="kind"/>.</summary>
    public ushort CurrentFormatVersion(RecordKind kind) => _migrations.CurrentVersion(kind);

    /// <summary>Encodes <paramref name="value"/> as one record appended to <paramref name="destination"/>.
    /// Allocates nothing beyond what <paramref name="destination"/> allocates: the MessagePack bytes
    /// go to a pooled scratch buffer and are compressed straight into the destination.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An unknown kind or level.</exception>
    /// <exception cref="InvalidOperationException">The payload is larger than
    /// <see cref="RecordCodecOptions.MaxUncompressedLength"/>.</exception>
    public int Encode<T>(IBufferWriter<byte> destination, RecordKind kind, CheckpointLevel level, T value)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckEncodeArguments(kind, level, value);
        var scratch = PooledBufferWriter.Rent();
        try
        {
            var payload = Serialize(scratch, value);
            var span = destination.GetSpan(MaxEncodedLength(payload.Length));
            var written = Write(payload, kind, level, span);
            destination.Advance(written);
            return written;
        }
        finally
        {
            PooledBufferWriter.Return(scratch);
        }
    }

    /// <summary>Encodes <paramref name="value"/> as one record in a new array of exactly its length
    /// (the only allocation).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown kind or level.</exception>
    /// <exception cref="InvalidOperationException">The payload is larger than
    /// <see cref="RecordCodecOptions.MaxUncompressedLength"/>.</exception>
    public byte[] Encode<T>(RecordKind kind, CheckpointLevel level, T value)
    {
        CheckEncodeArguments(kind, level, value);
        var scratch = PooledBufferWriter.Rent();
        var output = PooledBufferWriter.Rent();
        try
        {
            var payload = Serialize(scratch, value);
            output.Advance(Write(payload, kind, level, output.GetSpan(MaxEncodedLength(payload.Length))));
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            PooledBufferWriter.Return(output);
            PooledBufferWriter.Return(scratch);
        }
    }

    /// <summary>The longest record a payload of <paramref name="payloadLength"/> bytes can become.</summary>
    private int MaxEncodedLength(int payloadLength) =>
        RecordHeader.Size + LZ4Codec.MaximumOutputSize(payloadLength) + RecordHash.GetLength(_hashAlgorithm);

    private ReadOnlySpan<byte> Serialize<T>(PooledBufferWriter scratch, T value)
    {
        MessagePackSerializer.Serialize(scratch, value, _options.SerializerOptions);
        if (scratch.WrittenCount > _maxUncompressedLength)
        {
            throw new InvalidOperationException(
                $"The {typeof(T).Name} record is {scratch.WrittenCount} bytes of MessagePack, over the limit of {_maxUncompressedLength} (RecordCodecOptions.MaxUncompressedLength).");
        }

        return scratch.WrittenSpan;
    }

    /// <summary>Compresses <paramref name="payload"/> after the header, writes the header, then the
    /// hash of both; <paramref name="destination"/> must hold <see cref="MaxEncodedLength"/> bytes.</summary>
    private int Write(ReadOnlySpan<byte> payload, RecordKind kind, CheckpointLevel level, Span<byte> destination)
    {
        var compressedLength = LZ4Codec.Encode(payload, destination[RecordHeader.Size..], LZ4Level.L00_FAST);
        if (compressedLength <= 0)
        {
            throw new InvalidOperationException($"LZ4 could not compress a {payload.Length}-byte payload.");
        }

        var header = new RecordHeader(RecordHeader.CurrentEnvelopeVersion, _hashAlgorithm, kind, level,
            _migrations.CurrentVersion(kind), 0, (uint)payload.Length, (uint)compressedLength);
        header.Write(destination);
        var hashed = RecordHeader.Size + compressedLength;
        RecordHash.Compute(_hashAlgorithm, destination[..hashed], destination[hashed..]);
        return hashed + RecordHash.GetLength(_hashAlgorithm);
    }

    private static void CheckEncodeArguments<T>(RecordKind kind, CheckpointLevel level, T value)
    {
        if (!IsKnownKind(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind.");
        }

        if (!IsKnownLevel(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown checkpoint level.");
        }

        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "A record's value cannot be null.");
        }
    }

    private static bool IsKnownKind(RecordKind kind) => kind is >= RecordKind.Definition and <= RecordKind.Schedule;

    private static bool IsKnownLevel(CheckpointLevel level) => level <= CheckpointLevel.Debug;
}
