namespace FastFlow.Bench.Gate;

/// <summary>One check of the performance gate.</summary>
/// <param name="Name">What was checked, e.g. "chain: bytes allocated per task".</param>
/// <param name="Measured">The measured figure.</param>
/// <param name="Limit">The committed limit it must not exceed.</param>
/// <param name="Unit">The figures' unit.</param>
/// <param name="Note">Absolute figures measured beside it, printed, never gated.</param>
public sealed record GateCheck(string Name, double Measured, double Limit, string Unit, string Note)
{
    /// <summary>Whether the measured figure is within the limit.</summary>
    public bool Passed => Measured <= Limit;
}
