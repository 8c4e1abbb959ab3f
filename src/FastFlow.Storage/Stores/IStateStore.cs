using System.Diagnostics.CodeAnalysis;

namespace FastFlow.Storage.Stores;

/// <summary>
/// FastFlow's state store: key-value records and append-only streams of opaque bytes, with
/// durability tickets. Implementations: <see cref="InMemoryStateStore"/> and
/// <see cref="Faster.FasterStateStore"/>; both pass the same contract tests.
/// </summary>
/// <remarks>
/// <para>Keys and stream names are non-empty strings of at most <see cref="StoreLimits.MaxKeyBytes"/>
/// UTF-8 bytes (well-formed UTF-16: no lone surrogates). What they look like
/// (<c>def/&lt;workflow&gt;/&lt;revision&gt;</c>, <c>run/&lt;id&gt;/state</c>, …) is the callers'
/// business; records and streams are separate namespaces. Values are opaque: the record envelope
/// (<see cref="Records.RecordCodec"/>) wraps them above this layer.</para>
/// <para>Every member may be called from many threads at once. A write is visible to reads as soon
/// as it returns; it is durable once <see cref="WaitDurableAsync"/> completes for its ticket.
/// Reads of several records (<see cref="Scan"/>, <see cref="Read"/>) are not a snapshot: a write
/// that runs at the same time may or may not be seen.</para>
/// </remarks>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>When a write counts as durable in this store.</summary>
    StoreDurability Durability { get; }

    /// <summary>The ticket of the last write. Before the first write of this instance it is a ticket
    /// no later than any write to come: <see cref="StoreTicket.None"/> for a new in-memory store, the
    /// write-ahead log's position for a FASTER store (which counts the writes of earlier runs).</summary>
    StoreTicket LastTicket { get; }

    /// <summary>Creates or replaces the record <paramref name="key"/>.</summary>
    /// <returns>The write's ticket.</returns>
    StoreTicket Put(string key, ReadOnlySpan<byte> value);

    /// <summary>Reads the record <paramref name="key"/>.</summary>
    /// <param name="key">The record's key.</param>
    /// <param name="value">A copy of the value, which the caller owns; <c>null</c> when the record does not exist.</param>
    /// <returns>Whether the record exists.</returns>
    bool TryGet(string key, [MaybeNullWhen(false)] out byte[] value);

    /// <summary>Deletes the record <paramref name="key"/>.</summary>
    /// <returns>Whether the record existed.</returns>
    bool Delete(string key);

    /// <summary>Deletes the record <paramref name="key"/>.</summary>
    /// <param name="key">The record's key.</param>
    /// <param name="ticket">The delete's ticket; when nothing was deleted, <see cref="LastTicket"/>
    /// (waiting for it makes the absence as durable as everything written before).</param>
    /// <returns>Whether the record existed.</returns>
    bool Delete(string key, out StoreTicket ticket);

    /// <summary>The records whose keys start with <paramref name="prefix"/> (ordinal comparison),
    /// in ordinal order of their keys. An empty prefix returns every record.</summary>
    IReadOnlyList<KeyValuePair<string, byte[]>> Scan(string prefix);

    /// <summary>Appends an entry to <paramref name="stream"/>, creating the stream if needed.</summary>
    /// <returns>The entry's sequence number in the stream: 0, 1, 2, …</returns>
    long Append(string stream, ReadOnlySpan<byte> entry);

    /// <summary>Appends an entry to <paramref name="stream"/>, creating the stream if needed.</summary>
    /// <param name="stream">The stream's name.</param>
    /// <param name="entry">The entry's bytes.</param>
    /// <param name="ticket">The append's ticket.</param>
    /// <returns>The entry's sequence number in the stream: 0, 1, 2, …</returns>
    long Append(string stream, ReadOnlySpan<byte> entry, out StoreTicket ticket);

    /// <summary>The entries of <paramref name="stream"/> from sequence number
    /// <paramref name="fromSequence"/> on, in order; empty when the stream does not exist or is
    /// shorter.</summary>
    IReadOnlyList<StreamEntry> Read(string stream, long fromSequence = 0);

    /// <summary>The number of entries in <paramref name="stream"/> (the next sequence number); 0 when
    /// the stream does not exist.</summary>
    long GetStreamLength(string stream);

    /// <summary>Deletes a stream and all its entries. A later append starts the stream again at 0.</summary>
    /// <returns>The delete's ticket; <see cref="LastTicket"/> when the stream did not exist.</returns>
    StoreTicket DeleteStream(string stream);

    /// <summary>Completes when the write of <paramref name="ticket"/>, and every write before it, is
    /// durable according to <see cref="Durability"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ticket is later than <see cref="LastTicket"/>.</exception>
    ValueTask WaitDurableAsync(StoreTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>Reclaims the space of overwritten and deleted data now instead of when the store
    /// decides to, and makes everything written so far durable.</summary>
    ValueTask CompactAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts and sizes, for diagnostics.</summary>
    StoreStatistics GetStatistics();
}
