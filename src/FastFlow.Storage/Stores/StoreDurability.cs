namespace FastFlow.Storage.Stores;

/// <summary>When a write counts as durable, i.e. when <see cref="IStateStore.WaitDurableAsync"/>
/// completes for it. The values are part of the configuration format and are never renumbered.</summary>
public enum StoreDurability
{
    /// <summary><see cref="IStateStore.WaitDurableAsync"/> completes at once; the data reaches disk
    /// eventually (the FASTER store commits in the background at most every
    /// <see cref="StateStoreOptions.FlushInterval"/>). A crash may lose the last writes.</summary>
    None = 0,

    /// <summary>Group commit: a background committer commits at most every
    /// <see cref="StateStoreOptions.BatchWindow"/> and releases every waiter the commit covers together.
    /// The default.</summary>
    Batched = 1,

    /// <summary>A waiter is released only after a commit that covers its write; the commit starts as
    /// soon as someone waits. Waiters that arrive while a commit runs share the next one.</summary>
    Immediate = 2,
}
