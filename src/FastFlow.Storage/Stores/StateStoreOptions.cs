using System.Globalization;
using System.Numerics;

namespace FastFlow.Storage.Stores;

/// <summary>Settings of a state store. The durability settings apply to every store; the sizes only
/// to <see cref="Faster.FasterStateStore"/>, where they are fixed when the store is opened.</summary>
public sealed class StateStoreOptions
{
    private const long MiB = 1024 * 1024;

    /// <summary>When a write counts as durable. Default: <see cref="StoreDurability.Batched"/>.</summary>
    public StoreDurability Durability { get; init; } = StoreDurability.Batched;

    /// <summary>The least time between two commits in <see cref="StoreDurability.Batched"/> mode
    /// (the group-commit window), and how soon unwaited writes are committed in
    /// <see cref="StoreDurability.Immediate"/> mode. Default 2 ms; between 0 and 10 s.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How soon written data is committed when nobody waits for it in
    /// <see cref="StoreDurability.None"/> mode. Default 1 s; between 1 ms and 1 h.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>FASTER store: after this many bytes of write-ahead log the state is checkpointed and
    /// the log truncated, so that a restart replays at most about this much. Default 64 MiB; at
    /// least 4 KiB.</summary>
    public long CheckpointLogBytes { get; init; } = 64 * MiB;

    /// <summary>FASTER store: the state log is compacted (live records copied forward, the rest
    /// dropped) when it has grown past twice its size after the last compaction and past this many
    /// bytes. Default 64 MiB; at least 4 KiB.</summary>
    public long CompactionMinimumBytes { get; init; } = 64 * MiB;

    /// <summary>FASTER store: the page size of both logs, in bytes; a power of 2 from 4 KiB to
    /// 256 MiB. A record (key and value) or stream entry must fit in one page with about 100 bytes
    /// to spare: the default 4 MiB allows values a little under 4 MiB.</summary>
    public int PageSizeBytes { get; init; } = (int)(4 * MiB);

    /// <summary>FASTER store: memory for the state log, in bytes; a power of 2, at least 4 pages.
    /// Older records are read from disk. Default 64 MiB.</summary>
    public long StateMemoryBytes { get; init; } = 64 * MiB;

    /// <summary>FASTER store: memory for the write-ahead log, in bytes; a power of 2, at least 4
    /// pages. Default 16 MiB.</summary>
    public long LogMemoryBytes { get; init; } = 16 * MiB;

    /// <summary>FASTER store: the size of the files both logs are split into, in bytes; a power of
    /// 2, at least one page. Space is given back to the file system a whole file at a time.
    /// Default 64 MiB.</summary>
    public long SegmentSizeBytes { get; init; } = 64 * MiB;

    /// <summary>FASTER store: the size of the hash index, in bytes (64 bytes per bucket of 7 keys);
    /// a power of 2, at least 64 KiB. Default 16 MiB (about 1.8 million keys before buckets
    /// overflow).</summary>
    public long IndexSizeBytes { get; init; } = 16 * MiB;

    /// <summary>The largest value or stream entry the FASTER store takes with these options.</summary>
    public int MaxValueBytes => PageSizeBytes - StoreLimits.MaxKeyBytes - 128;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Durability))
        {
            Throw(nameof(Durability), "must be None, Batched or Immediate");
        }

        if (BatchWindow < TimeSpan.Zero || BatchWindow > TimeSpan.FromSeconds(10))
        {
            Throw(nameof(BatchWindow), "must be between 0 and 10 s");
        }

        if (FlushInterval < TimeSpan.FromMilliseconds(1) || FlushInterval > TimeSpan.FromHours(1))
        {
            Throw(nameof(FlushInterval), "must be between 1 ms and 1 h");
        }

        if (CheckpointLogBytes < 4096)
        {
            Throw(nameof(CheckpointLogBytes), "must be at least 4096");
        }

        if (CompactionMinimumBytes < 4096)
        {
            Throw(nameof(CompactionMinimumBytes), "must be at least 4096");
        }

        if (PageSizeBytes < 4096 || PageSizeBytes > 256 * MiB || !BitOperations.IsPow2(PageSizeBytes))
        {
            Throw(nameof(PageSizeBytes), "must be a power of 2 from 4096 to 268435456");
        }

        CheckPow2AtLeast(StateMemoryBytes, 4L * PageSizeBytes, nameof(StateMemoryBytes));
        CheckPow2AtLeast(LogMemoryBytes, 4L * PageSizeBytes, nameof(LogMemoryBytes));
        CheckPow2AtLeast(SegmentSizeBytes, PageSizeBytes, nameof(SegmentSizeBytes));
        CheckPow2AtLeast(IndexSizeBytes, 64 * 1024, nameof(IndexSizeBytes));
    }

    private static void CheckPow2AtLeast(long value, long minimum, string name)
    {
        if (value < minimum || !BitOperations.IsPow2(value))
        {
            Throw(name, string.Create(CultureInfo.InvariantCulture, $"must be a power of 2 and at least {minimum}"));
        }
    }

    private static void Throw(string name, string rule) =>
        throw new ArgumentException($"StateStoreOptions.{name} {rule}.", name);
}
