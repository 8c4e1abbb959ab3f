namespace FastFlow.Storage.Stores;

/// <summary>One entry of an append-only stream, as <see cref="IStateStore.Read"/> returns it.</summary>
/// <param name="Sequence">The entry's number in its stream: 0 for the first entry, then 1, 2, …</param>
/// <param name="Data">The bytes appended; the array belongs to the caller.</param>
public readonly record struct StreamEntry(long Sequence, byte[] Data);
