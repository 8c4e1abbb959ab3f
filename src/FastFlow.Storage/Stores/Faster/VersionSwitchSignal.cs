using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// Signals when a FasterKV checkpoint has switched versions: when the state machine is about to
/// enter <see cref="Phase.WAIT_FLUSH"/>, every session has moved to the new version, so nothing done
/// from then on can be in the checkpoint. Registered with <c>FasterKV.UnsafeRegisterCallback</c>.
/// </summary>
internal sealed class VersionSwitchSignal : IStateMachineCallback
{
    /// <summary>Set when the switch happened; reset before a checkpoint starts.</summary>
    public ManualResetEventSlim Switched { get; } = new();

    /// <inheritdoc />
    public void BeforeEnteringState<Key, Value>(SystemState next, FasterKV<Key, Value> faster)
    {
        if (next.Phase == Phase.WAIT_FLUSH)
        {
            Switched.Set();
        }
    }
}
