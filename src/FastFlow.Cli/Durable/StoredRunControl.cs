using FastFlow.Cli.Commands;

namespace FastFlow.Cli.Durable;

/// <summary>Brings a stored run into an engine for a command that changes it, with the engine's
/// refusals as messages for people.</summary>
internal static class StoredRunControl
{
    /// <summary>The run's handle (<see cref="FlowEngine.OpenRun"/>, terminal runs included). A run
    /// left pending or running starts again as it is opened; a paused one stays paused.</summary>
    /// <param name="engine">A durable engine.</param>
    /// <param name="runId">The run, known to be in the store.</param>
    /// <param name="what">What the command does, for the message: "resumed", "cancelled".</param>
    /// <param name="data">The data directory, for the hint.</param>
    /// <exception cref="CommandFailedException">The engine cannot bring the run back (its definition no longer loads, say).</exception>
    public static RunHandle Open(FlowEngine engine, string runId, string what, DataDirectory data)
    {
        try
        {
            return engine.OpenRun(runId, includeTerminal: true);
        }
        catch (InvalidOperationException exception)
        {
            throw new CommandFailedException(
                $"run {runId} cannot be {what}: {exception.Message}",
                $"give the same --agents (and --file-root) as the run had; `fastflow verify{data.Option}` checks the data directory for damaged records");
        }
    }
}
