namespace FastFlow.Storage.Stores.Faster;

/// <summary>The operation a write-ahead log entry records. The values are part of the log format.</summary>
internal enum WalOp : byte
{
    /// <summary>A record was created or replaced: the key is a record key, the payload its value.</summary>
    Put = 1,

    /// <summary>A record was deleted: the key is a record key, no payload.</summary>
    Delete = 2,

    /// <summary>An entry was appended: the key is a stream entry key, the payload the entry.</summary>
    Append = 3,

    /// <summary>A stream was deleted: the key is the stream's prefix, the payload its length then
    /// (u64 little-endian): the entries 0 to length - 1 were deleted.</summary>
    DeleteStream = 4,
}
