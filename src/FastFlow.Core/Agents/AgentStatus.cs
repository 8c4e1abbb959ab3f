namespace FastFlow.Agents;

/// <summary>Whether an agent takes work. Wire names: <c>online, busy, offline, error</c>.</summary>
public enum AgentStatus : byte
{
    /// <summary>Takes work and has a free slot.</summary>
    Online = 0,
    /// <summary>Takes work, but every slot is taken: new tasks wait for one.</summary>
    Busy = 1,
    /// <summary>Gone or switched off; receives nothing.</summary>
    Offline = 2,
    /// <summary>Unhealthy; receives nothing until it is marked online again (or sends a heartbeat).</summary>
    Error = 3,
}
