namespace FastFlow.Server;

/// <summary>Live counts the server reports in health; updated with interlocked operations.</summary>
internal sealed class ServerCounters
{
    /// <summary>Open connections.</summary>
    public int Connections;

    /// <summary>Open event subscriptions.</summary>
    public int Subscriptions;

    /// <summary>Tasks leased to remote agent workers.</summary>
    public int Leases;

    /// <summary>When the server started (UTC ticks of its time provider).</summary>
    public DateTimeOffset StartedAt;

    /// <summary>Set once the server has begun to stop.</summary>
    public volatile bool Draining;
}
