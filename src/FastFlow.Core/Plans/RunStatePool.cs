namespace FastFlow.Plans;

/// <summary>The per-task state arrays of a run, reusable by later runs of the same plan.</summary>
internal sealed class RunState(int taskCount)
{
    /// <summary>Dependencies not yet done, per task.</summary>
    public readonly int[] Remaining = taskCount == 0 ? [] : GC.AllocateUninitializedArray<int>(taskCount);
    /// <summary>FlowTaskStatus per task.</summary>
    public readonly byte[] Status = new byte[taskCount];
}

/// <summary>A few <see cref="RunState"/>s kept by a plan. A run whose every task completed gives
/// its arrays back when it finishes (its result then needs no per-task status: all completed),
/// so steady-state runs allocate nothing per task. Lock-free: each slot is taken and returned
/// with one exchange.</summary>
internal sealed class RunStatePool(int taskCount)
{
    private readonly RunState?[] _slots = new RunState?[Math.Max(2, Environment.ProcessorCount)];

    public RunState Rent(int[] predecessorCount)
    {
        RunState? state = null;
        for (var i = 0; i < _slots.Length && state is null; i++)
        {
            if (Volatile.Read(ref _slots[i]) is not null)
            {
                state = Interlocked.Exchange(ref _slots[i], null);
            }
        }

        if (state is null)
        {
            state = new RunState(taskCount);
        }
        else
        {
            Array.Clear(state.Status);
        }

        Array.Copy(predecessorCount, state.Remaining, taskCount);
        return state;
    }

    public void Return(RunState state)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[i], state, null) is null)
            {
                return;
            }
        }
    }
}
