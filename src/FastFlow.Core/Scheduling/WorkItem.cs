using System.Runtime.InteropServices;

namespace FastFlow.Scheduling;

/// <summary>One unit of scheduled work: a target (a run) and two integers whose meaning the
/// target chooses (a task index; a range of source tasks; an async completion). 16 bytes, copied
/// by value through the deques and queues, so scheduling allocates nothing.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct WorkItem(SchedulableWork target, int index, int argument)
{
    /// <summary>What to run.</summary>
    public readonly SchedulableWork Target = target;
    /// <summary>Usually a task index.</summary>
    public readonly int Index = index;
    /// <summary>Target-defined: 0 to run task <see cref="Index"/>, more to run a range, negative for control work.</summary>
    public readonly int Argument = argument;
}
