using FastFlow.Cli.Commands;
using FastFlow.Cli.Loading;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Durable;

/// <summary>A command's time with a data directory: the store opened (never created) and closed
/// again, and for the commands that change runs an engine over it, disposed before the store.</summary>
internal static class DataSession
{
    /// <summary>Reads the runs of an existing data directory, without an engine.</summary>
    public static async Task<int> ReadAsync(string? dataOption, Func<StoredRuns, int> read)
    {
        var data = DataDirectory.From(dataOption);
        var store = data.OpenExisting();
        await using (store.ConfigureAwait(false))
        {
            return read(new StoredRuns(new RunStore(store), data));
        }
    }

    /// <summary>Runs <paramref name="act"/> with an engine that journals into an existing data
    /// directory: the local actions, and the agents of <paramref name="agentsFile"/>, registered
    /// first, since recovery compiles the stored definitions against them.</summary>
    /// <exception cref="CommandFailedException">The directory cannot be used, or the agents file has errors.</exception>
    public static async Task<int> WithEngineAsync(
        string? dataOption, string fileRoot, string? agentsFile, Func<FlowEngine, StoredRuns, Task<int>> act)
    {
        var data = DataDirectory.From(dataOption);
        var store = data.OpenExisting();
        await using (store.ConfigureAwait(false))
        {
            using var engine = LocalEngine.Create(fileRoot, forRunning: true, store);
            if (agentsFile is not null)
            {
                var agents = LocalAgents.Load(engine, agentsFile);
                if (!agents.Valid)
                {
                    throw new CommandFailedException(
                        $"the agents file {agentsFile} has {agents.Counts()}; nothing was done",
                        $"fix the problems above; `fastflow validate --agents {agentsFile} FILE` checks it with a definition",
                        ExitCodes.InvalidInput,
                        agents.Diagnostics);
                }
            }

            return await act(engine, new StoredRuns(new RunStore(store), data)).ConfigureAwait(false);
        }
    }
}
