namespace FastFlow.Actions;

/// <summary>A named kind of task (<c>noop</c>, <c>api_call</c>, <c>agent_task</c>...). One instance
/// serves every task of every run that names it, concurrently, so an action keeps no per-run state.
/// Register custom actions with <see cref="Registry.FlowRegistry.RegisterAction"/>.</summary>
public abstract class FlowAction
{
    /// <summary>Creates an action with its name.</summary>
    protected FlowAction(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name definitions use in <c>action:</c>.</summary>
    public string Name { get; }

    /// <summary>Checks a task's configuration before anything runs, and may prepare state that
    /// every attempt of that task will use (a compiled expression, a parsed URL). Report problems
    /// through <paramref name="preparation"/>; never throw for a user's mistake.</summary>
    /// <returns>The prepared state, read back by the action through <see cref="ActionPreparation"/>'s
    /// counterpart at run time, or null.</returns>
    public virtual object? Prepare(ActionPreparation preparation) => null;

    /// <summary>Runs one attempt. Return a failure (or throw <see cref="TaskFailedException"/>)
    /// with the right <see cref="ErrorCategory"/>; honour the context's cancellation token.</summary>
    public abstract ValueTask<TaskResult> ExecuteAsync(TaskContext context);

    /// <summary>The state <see cref="Prepare"/> returned for this task.</summary>
    protected static object? GetPrepared(TaskContext context) => context.Prepared;
}
