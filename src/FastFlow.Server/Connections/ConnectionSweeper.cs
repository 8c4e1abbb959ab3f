using System.Collections.Concurrent;

namespace FastFlow.Server.Connections;

/// <summary>One timer for the whole server that closes connections whose handshake or current
/// frame is overdue (<see cref="ServerConnection.CheckTimeouts"/>), so a client trickling bytes
/// costs no timer of its own and is dropped within a quarter of the timeout of its deadline.</summary>
internal sealed class ConnectionSweeper : IDisposable
{
    private readonly ConcurrentDictionary<long, ServerConnection> _connections;
    private readonly ConnectionSettings _settings;
    private readonly ITimer _timer;

    /// <summary>Starts sweeping every <see cref="PeriodFor"/>.</summary>
    public ConnectionSweeper(ConcurrentDictionary<long, ServerConnection> connections, ConnectionSettings settings)
    {
        _connections = connections;
        _settings = settings;
        var period = PeriodFor(settings.Options);
        _timer = settings.Time.CreateTimer(static state => ((ConnectionSweeper)state!).Sweep(), this, period, period);
    }

    /// <summary>A quarter of the shorter timeout, between 10 ms and 250 ms.</summary>
    public static TimeSpan PeriodFor(FastFlowServerOptions options)
    {
        var shorter = options.FrameTimeout < options.HandshakeTimeout ? options.FrameTimeout : options.HandshakeTimeout;
        return TimeSpan.FromTicks(Math.Clamp(shorter.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(250).Ticks));
    }

    /// <summary>Stops the timer.</summary>
    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        try
        {
            var now = _settings.Time.GetTimestamp();
            foreach (var pair in _connections)
            {
                pair.Value.CheckTimeouts(now);
            }
        }
        catch (Exception exception)
        {
            ServerLog.SweepFailed(_settings.Logger, exception);
        }
    }
}
