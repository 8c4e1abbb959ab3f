using System.Runtime.InteropServices;

namespace FastFlow.Cli.Running;

/// <summary>Counts Ctrl-C (SIGINT) and SIGTERM while a run goes and hands each to a callback
/// instead of ending the process: the first cancels gracefully, the second forcibly. A third
/// ends the process the usual way, for a run that does not stop.</summary>
internal sealed class InterruptHandler : IDisposable
{
    private const int InterruptsHandled = 2;

    private readonly Action<int> _onInterrupt;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _count;

    /// <param name="onInterrupt">Called with 1 for the first signal, 2 for the second; on a signal thread.</param>
    public InterruptHandler(Action<int> onInterrupt)
    {
        _onInterrupt = onInterrupt;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    private void OnSignal(PosixSignalContext context)
    {
        var count = Interlocked.Increment(ref _count);
        if (count > InterruptsHandled)
        {
            return;
        }

        context.Cancel = true;
        _onInterrupt(count);
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
