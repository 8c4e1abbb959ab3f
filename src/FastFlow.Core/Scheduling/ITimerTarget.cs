namespace FastFlow.Scheduling;

/// <summary>Something a <see cref="TimerQueue"/> calls back when a timer is due. A target handles
/// many timers, told apart by the token it chose, so scheduling a timer allocates no closure.</summary>
internal interface ITimerTarget
{
    /// <summary>Called on the timer thread once <paramref name="token"/>'s due time passed. Must not block.</summary>
    void OnTimer(long token);
}
