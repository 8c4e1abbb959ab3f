namespace FastFlow.Cli.Running;

/// <summary>Cancels a run on request (Ctrl-C, <c>--timeout</c>), including a request that comes
/// while the run is still being started: it is applied as soon as the run exists.</summary>
internal sealed class RunControl(IRunDisplay display)
{
    private readonly Lock _gate = new();
    private RunHandle? _handle;
    private CancelMode? _pending;

    /// <summary>True once a user interrupted the run (Ctrl-C or SIGTERM).</summary>
    public bool Interrupted { get; private set; }

    /// <summary>True once <c>--timeout</c> cancelled the run.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>The run to control; applies a cancellation requested before it existed.</summary>
    public void Attach(RunHandle handle)
    {
        CancelMode? pending;
        lock (_gate)
        {
            _handle = handle;
            pending = _pending;
        }

        if (pending is { } mode)
        {
            TryCancel(handle, mode);
        }
    }

    /// <summary>From <see cref="InterruptHandler"/>: 1 for the first signal, 2 for the second.</summary>
    public void OnInterrupt(int count)
    {
        Interrupted = true;
        if (count == 1)
        {
            display.Notice("cancelling… (running tasks may finish; press Ctrl-C again to stop at once)");
            Request(CancelMode.Graceful);
        }
        else
        {
            display.Notice("stopping now (forced cancel)");
            Request(CancelMode.Forced);
        }
    }

    /// <summary>The run passed <c>--timeout</c>.</summary>
    public void OnTimeout(TimeSpan timeout)
    {
        TimedOut = true;
        display.Notice($"--timeout {timeout.TotalSeconds:0.###} s reached: cancelling…");
        Request(CancelMode.Graceful);
    }

    /// <summary>A graceful cancel did not end the run in time.</summary>
    public void Force()
    {
        display.Notice("the run did not stop in time: stopping now (forced cancel)");
        Request(CancelMode.Forced);
    }

    private void Request(CancelMode mode)
    {
        RunHandle? handle;
        lock (_gate)
        {
            handle = _handle;
            if (handle is null)
            {
                _pending = _pending is CancelMode.Forced ? CancelMode.Forced : mode;
                return;
            }
        }

        TryCancel(handle, mode);
    }

    private static void TryCancel(RunHandle handle, CancelMode mode)
    {
        try
        {
            handle.Cancel(mode);
        }
        catch (InvalidRunTransitionException)
        {
            // The run ended between the request and now: nothing left to cancel.
        }
    }
}
