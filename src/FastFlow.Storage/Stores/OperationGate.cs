namespace FastFlow.Storage.Stores;

/// <summary>Counts the operations running on a store so that disposal can close it to new ones and
/// wait for the running ones before the resources they use are released.</summary>
internal sealed class OperationGate
{
    /// <summary>The sign bit marks the gate closed.</summary>
    private const int Closed = int.MinValue;

    /// <summary>The number of operations inside, with <see cref="Closed"/> once closed.</summary>
    private int _state;

    /// <summary>Whether <see cref="Close"/> has been called.</summary>
    public bool IsClosed => Volatile.Read(ref _state) < 0;

    /// <summary>Enters an operation; throws <see cref="ObjectDisposedException"/> once closed.</summary>
    public void Enter(object owner)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            ObjectDisposedException.ThrowIf(state < 0, owner);
            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return;
            }
        }
    }

    /// <summary>Leaves an operation entered with <see cref="Enter"/>.</summary>
    public void Exit() => Interlocked.Decrement(ref _state);

    /// <summary>Closes the gate and waits until the operations inside have left. False when it was
    /// closed already.</summary>
    public bool Close()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, state | Closed, state) == state)
            {
                break;
            }
        }

        var spinner = new SpinWait();
        while ((Volatile.Read(ref _state) & int.MaxValue) != 0)
        {
            spinner.SpinOnce();
        }

        return true;
    }
}
