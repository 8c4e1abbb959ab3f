namespace FastFlow;

/// <summary>How a run is cancelled.</summary>
public enum CancelMode : byte
{
    /// <summary>Running handlers get their cancellation token and may finish; nothing new starts.</summary>
    Graceful = 0,
    /// <summary>Running attempts are abandoned at once; the run ends immediately.</summary>
    Forced = 1,
}
