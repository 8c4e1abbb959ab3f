using System.Runtime.InteropServices;

namespace FastFlow.Cli.Serving;

/// <summary>SIGTERM or Ctrl-C (SIGINT) as a task: the first one asks the server to stop (the
/// process does not end there, the server winds down); a second one while it winds down ends
/// the process the usual way, for a stop that hangs.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource<PosixSignal> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public ShutdownSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Completes with the first signal.</summary>
    public Task<PosixSignal> Received => _received.Task;

    private void OnSignal(PosixSignalContext context)
    {
        // Only the first is ours; TrySetResult is false for the next ones, which end the process.
        context.Cancel = _received.TrySetResult(context.Signal);
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
