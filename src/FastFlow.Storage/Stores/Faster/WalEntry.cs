using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// The layout of a write-ahead log entry, inside a FasterLog entry:
/// <code>
/// [0, 8)        XXH3-64 (seed 0) of bytes 8 to the end, little-endian
/// 8             format version, 1
/// 9             operation (<see cref="WalOp"/>)
/// [10, 12)      length K of the FasterKV key (u16 little-endian)
/// [12, 12 + K)  the FasterKV key (<see cref="KvKeys"/>)
/// [12 + K, end) the payload (the value, the entry, or a stream's length)
/// </code>
/// The FasterKV key and value are slices of the entry, so applying it (at write time and on replay)
/// copies nothing. The hash is ours because FasterLog's per-entry checksum is only checked for
/// pages read back from disk, not for the tail pages recovery keeps in memory (docs/storage.md).
/// </summary>
internal static class WalEntry
{
    /// <summary>The bytes before the key.</summary>
    public const int HeaderLength = 12;

    /// <summary>The format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>The length of an entry with a key of <paramref name="keyLength"/> bytes and a
    /// payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int Length(int keyLength, int payloadLength) => HeaderLength + keyLength + payloadLength;

    /// <summary>Writes the header fields of an entry laid out in <paramref name="entry"/> (all but the hash).</summary>
    public static void WriteHeader(Span<byte> entry, WalOp op, int keyLength)
    {
        entry[8] = FormatVersion;
        entry[9] = (byte)op;
        BinaryPrimitives.WriteUInt16LittleEndian(entry[10..], (ushort)keyLength);
    }

    /// <summary>The key of an entry laid out with <see cref="WriteHeader"/>.</summary>
    public static Span<byte> Key(Span<byte> entry, int keyLength) => entry.Slice(HeaderLength, keyLength);

    /// <summary>The payload of an entry laid out with <see cref="WriteHeader"/>.</summary>
    public static Span<byte> Payload(Span<byte> entry, int keyLength) => entry[(HeaderLength + keyLength)..];

    /// <summary>Writes the hash, once everything else is in place.</summary>
    public static void Seal(Span<byte> entry) =>
        BinaryPrimitives.WriteUInt64LittleEndian(entry, XxHash3.HashToUInt64(entry[8..]));

    /// <summary>Checks an entry read back from the log and splits it; on failure
    /// <paramref name="problem"/> says what is wrong with it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> entry, out WalOp op, out ReadOnlySpan<byte> key,
        out ReadOnlySpan<byte> payload, out string problem)
    {
        op = default;
        key = default;
        payload = default;
        if (entry.Length < HeaderLength)
        {
            problem = Describe("is shorter than the 12-byte header", entry.Length);
            return false;
        }

        var stored = BinaryPrimitives.ReadUInt64LittleEndian(entry);
        var actual = XxHash3.HashToUInt64(entry[8..]);
        if (stored != actual)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"fails its hash (stored {stored:X16}, computed {actual:X16}; {entry.Length} bytes)");
            return false;
        }

        if (entry[8] != FormatVersion)
        {
            problem = Describe("has an unknown format version " + entry[8].ToString(CultureInfo.InvariantCulture), entry.Length);
            return false;
        }

        op = (WalOp)entry[9];
        int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[10..]);
        if (keyLength > entry.Length - HeaderLength)
        {
            problem = Describe("declares a key longer than the entry", entry.Length);
            return false;
        }

        key = entry.Slice(HeaderLength, keyLength);
        payload = entry[(HeaderLength + keyLength)..];
        var wellFormed = op switch
        {
            WalOp.Put => KvKeys.IsRecordKey(key),
            WalOp.Delete => KvKeys.IsRecordKey(key) && payload.IsEmpty,
            WalOp.Append => KvKeys.IsStreamEntryKey(key),
            WalOp.DeleteStream => KvKeys.IsStreamPrefix(key) && payload.Length == 8
                && BinaryPrimitives.ReadInt64LittleEndian(payload) >= 0,
            _ => false,
        };
        problem = wellFormed ? "" : Describe("is not a well-formed " + op + " entry", entry.Length);
        return wellFormed;
    }

    private static string Describe(string what, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} ({length} bytes)");
}
