namespace FastFlow;

/// <summary>What kind of failure an error is; retry policies choose by category.</summary>
public enum ErrorCategory : byte
{
    /// <summary>May succeed if tried again (network errors, 5xx, an agent that crashed). Retried by default.</summary>
    Transient = 0,
    /// <summary>Will fail again the same way (bad request, 4xx, missing file). Not retried by default.</summary>
    Permanent = 1,
    /// <summary>An attempt or a run ran past its deadline. Retried by default.</summary>
    Timeout = 2,
    /// <summary>The engine or an agent had no room for more work.</summary>
    Capacity = 3,
    /// <summary>A rule of the business said no (a rejected approval, no consensus).</summary>
    Business = 4,
}
