namespace FastFlow.Scheduling;

/// <summary>Something the scheduler runs work items of: in practice a run. An abstract class
/// rather than an interface so that the call is a plain virtual call.</summary>
internal abstract class SchedulableWork
{
    /// <summary>Runs one work item on <paramref name="worker"/>'s thread.</summary>
    public abstract void Execute(in WorkItem item, Worker worker);

    /// <summary>Applies what the worker batched for this target (counter decrements kept local
    /// to avoid contention). Called before the worker goes looking for other work, switches
    /// target, or parks.</summary>
    public abstract void Flush(Worker worker);

    /// <summary>The priority of this target's work handed from a calling thread to the workers.</summary>
    public virtual TaskPriority HandoffPriority => TaskPriority.Normal;
}
