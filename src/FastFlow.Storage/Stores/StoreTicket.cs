using System.Globalization;

namespace FastFlow.Storage.Stores;

/// <summary>The position of a write in a store: every write returns one, and later writes return
/// larger ones. Pass it to <see cref="IStateStore.WaitDurableAsync"/> to wait until that write and
/// every write before it are durable. For the FASTER store the position is the end of the write's
/// entry in the write-ahead log, so tickets keep increasing across restarts.</summary>
/// <param name="Position">The position; 0 for <see cref="None"/>.</param>
public readonly record struct StoreTicket(long Position) : IComparable<StoreTicket>
{
    /// <summary>The ticket before any write: waiting for it completes at once.</summary>
    public static StoreTicket None => default;

    /// <inheritdoc />
    public int CompareTo(StoreTicket other) => Position.CompareTo(other.Position);

    /// <summary>Whether <paramref name="left"/> is an earlier write than <paramref name="right"/>.</summary>
    public static bool operator <(StoreTicket left, StoreTicket right) => left.Position < right.Position;

    /// <summary>Whether <paramref name="left"/> is a later write than <paramref name="right"/>.</summary>
    public static bool operator >(StoreTicket left, StoreTicket right) => left.Position > right.Position;

    /// <summary>Whether <paramref name="left"/> is the same or an earlier write than <paramref name="right"/>.</summary>
    public static bool operator <=(StoreTicket left, StoreTicket right) => left.Position <= right.Position;

    /// <summary>Whether <paramref name="left"/> is the same or a later write than <paramref name="right"/>.</summary>
    public static bool operator >=(StoreTicket left, StoreTicket right) => left.Position >= right.Position;

    /// <inheritdoc />
    public override string ToString() => "ticket " + Position.ToString(CultureInfo.InvariantCulture);
}
