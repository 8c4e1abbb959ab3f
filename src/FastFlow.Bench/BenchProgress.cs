namespace FastFlow.Bench;

/// <summary>How far a measurement has come, read by a display on its own thread while the
/// measurement runs: plain counters, so the measured code pays one interlocked add per step.</summary>
public sealed class BenchProgress
{
    private long _done;
    private long _total;
    private string _phase = string.Empty;

    /// <summary>Steps finished so far.</summary>
    public long Done => Volatile.Read(ref _done);

    /// <summary>Steps in the whole measurement.</summary>
    public long Total => Volatile.Read(ref _total);

    /// <summary>What is being measured now, e.g. "round 2: fastflow".</summary>
    public string Phase => Volatile.Read(ref _phase);

    internal void Start(long total)
    {
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _done, 0);
    }

    internal void Enter(string phase) => Volatile.Write(ref _phase, phase);

    internal void Advance(long steps = 1) => Interlocked.Add(ref _done, steps);
}
