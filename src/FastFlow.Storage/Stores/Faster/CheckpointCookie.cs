using System.Buffers.Binary;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// The metadata a FasterKV checkpoint carries for us (FasterKV's <c>CommitCookie</c>): the
/// write-ahead log position it covers. Every log entry before that position was applied to the
/// state before the checkpoint began, so recovery replays the log from there. Layout: <c>FFCP</c>,
/// a version byte (1), three zero bytes, the position (i64 little-endian).
/// </summary>
internal static class CheckpointCookie
{
    private const int Length = 16;

    /// <summary>The cookie for a checkpoint covering the log up to <paramref name="coveredPosition"/>.</summary>
    public static byte[] Encode(long coveredPosition)
    {
        var cookie = new byte[Length];
        "FFCP"u8.CopyTo(cookie);
        cookie[4] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(cookie.AsSpan(8), coveredPosition);
        return cookie;
    }

    /// <summary>The position a recovered cookie names; throws <see cref="StateStoreCorruptException"/>
    /// when it is missing or not ours.</summary>
    public static long Decode(byte[]? cookie)
    {
        if (cookie is not { Length: Length } || !cookie.AsSpan(0, 4).SequenceEqual("FFCP"u8) || cookie[4] != 1
            || cookie[5] != 0 || cookie[6] != 0 || cookie[7] != 0)
        {
            throw new StateStoreCorruptException(
                "The state checkpoint does not say which part of the write-ahead log it covers (its commit cookie is missing or unknown), so the log cannot be replayed after it.");
        }

        var position = BinaryPrimitives.ReadInt64LittleEndian(cookie.AsSpan(8));
        if (position < 0)
        {
            throw new StateStoreCorruptException("The state checkpoint names a negative write-ahead log position.");
        }

        return position;
    }
}
