using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>Small FASTER sizes, so that tests open stores quickly and cross page, segment and
/// checkpoint boundaries with little data.</summary>
public static class FasterTestOptions
{
    public static StateStoreOptions Create(StoreDurability durability = StoreDurability.Batched, long checkpointLogBytes = 1024 * 1024) => new()
    {
        Durability = durability,
        PageSizeBytes = 64 * 1024,
        StateMemoryBytes = 1024 * 1024,
        LogMemoryBytes = 256 * 1024,
        SegmentSizeBytes = 256 * 1024,
        IndexSizeBytes = 64 * 1024,
        CheckpointLogBytes = checkpointLogBytes,
        CompactionMinimumBytes = 256 * 1024,
    };
}
