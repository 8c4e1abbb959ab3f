using System.Buffers.Binary;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// How records and stream entries are keyed in FasterKV. A record's key is <c>'K'</c> and the key
/// in UTF-8. A stream entry's key is <c>'S'</c>, the stream name's UTF-8 length (u16 big-endian),
/// the name, and the sequence number (u64 big-endian); the part before the sequence number is the
/// stream's prefix. The length prefix keeps any name from colliding with another's entries.
/// </summary>
internal static class KvKeys
{
    /// <summary>The first byte of a record's key.</summary>
    public const byte RecordTag = (byte)'K';

    /// <summary>The first byte of a stream entry's key.</summary>
    public const byte StreamTag = (byte)'S';

    /// <summary>The longest key: a stream entry of a name of <see cref="StoreLimits.MaxKeyBytes"/>.</summary>
    public const int MaxLength = 1 + 2 + StoreLimits.MaxKeyBytes + 8;

    /// <summary>The length of a record's key for a name of <paramref name="nameBytes"/> UTF-8 bytes.</summary>
    public static int RecordKeyLength(int nameBytes) => 1 + nameBytes;

    /// <summary>The length of a stream's prefix for a name of <paramref name="nameBytes"/> UTF-8 bytes.</summary>
    public static int StreamPrefixLength(int nameBytes) => 1 + 2 + nameBytes;

    /// <summary>The length of a stream entry's key for a name of <paramref name="nameBytes"/> UTF-8 bytes.</summary>
    public static int StreamEntryKeyLength(int nameBytes) => StreamPrefixLength(nameBytes) + 8;

    /// <summary>Writes a record's key; returns its length.</summary>
    public static int WriteRecordKey(Span<byte> destination, string key)
    {
        destination[0] = RecordTag;
        return 1 + StoreArguments.StrictUtf8.GetBytes(key, destination[1..]);
    }

    /// <summary>Writes a stream's prefix; returns its length.</summary>
    public static int WriteStreamPrefix(Span<byte> destination, string stream)
    {
        destination[0] = StreamTag;
        var nameBytes = StoreArguments.StrictUtf8.GetBytes(stream, destination[3..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)nameBytes);
        return 3 + nameBytes;
    }

    /// <summary>Writes the sequence number that follows a stream's prefix.</summary>
    public static void WriteSequence(Span<byte> destination, long sequence) =>
        BinaryPrimitives.WriteInt64BigEndian(destination, sequence);

    /// <summary>Writes a stream entry's key; returns its length.</summary>
    public static int WriteStreamEntryKey(Span<byte> destination, string stream, long sequence)
    {
        var prefix = WriteStreamPrefix(destination, stream);
        WriteSequence(destination[prefix..], sequence);
        return prefix + 8;
    }

    /// <summary>Whether <paramref name="key"/> is a well-formed record key.</summary>
    public static bool IsRecordKey(ReadOnlySpan<byte> key) =>
        key.Length is > 1 and <= 1 + StoreLimits.MaxKeyBytes && key[0] == RecordTag;

    /// <summary>Whether <paramref name="key"/> is a well-formed stream prefix (no sequence number).</summary>
    public static bool IsStreamPrefix(ReadOnlySpan<byte> key) =>
        key.Length > 3 && key[0] == StreamTag && BinaryPrimitives.ReadUInt16BigEndian(key[1..]) == key.Length - 3
        && key.Length - 3 <= StoreLimits.MaxKeyBytes;

    /// <summary>Whether <paramref name="key"/> is a well-formed stream entry key.</summary>
    public static bool IsStreamEntryKey(ReadOnlySpan<byte> key) =>
        key.Length > 11 && IsStreamPrefix(key[..^8]) && BinaryPrimitives.ReadInt64BigEndian(key[^8..]) >= 0;

    /// <summary>Reads a record key's name.</summary>
    public static string RecordName(ReadOnlySpan<byte> key) => StoreArguments.StrictUtf8.GetString(key[1..]);

    /// <summary>Reads a stream entry key's stream name and sequence number.</summary>
    public static string StreamName(ReadOnlySpan<byte> key, out long sequence)
    {
        sequence = BinaryPrimitives.ReadInt64BigEndian(key[^8..]);
        return StoreArguments.StrictUtf8.GetString(key[3..^8]);
    }
}
