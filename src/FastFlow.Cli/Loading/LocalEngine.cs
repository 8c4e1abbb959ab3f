using FastFlow.Actions;
using FastFlow.Storage.Stores;

namespace FastFlow.Cli.Loading;

/// <summary>The engine of a local command: the I/O actions registered, <c>exec</c> enabled and
/// <c>file_operation</c> rooted in the working directory or <c>--file-root</c> (DESIGN §4), so that
/// validation judges a definition as the local run would.</summary>
internal static class LocalEngine
{
    /// <summary>Creates the engine.</summary>
    /// <param name="fileRoot">The root of <c>file_operation</c>, a full path.</param>
    /// <param name="forRunning">False for commands that only validate: one worker thread is enough.</param>
    /// <param name="store">Where runs are journaled (a data directory); null keeps them in memory.
    /// The caller disposes it, after the engine.</param>
    public static FlowEngine Create(string fileRoot, bool forRunning, IStateStore? store = null) =>
        Create(fileRoot, forRunning ? Environment.ProcessorCount : 1, store);

    /// <summary>Creates the engine with <paramref name="workers"/> worker threads.</summary>
    public static FlowEngine Create(string fileRoot, int workers, IStateStore? store = null)
    {
        var options = new FlowEngineOptions
        {
            AllowExec = true,
            FileRoot = fileRoot,
            WorkerCount = workers,
            Store = store,
        };
        var engine = new FlowEngine(options);
        IoActions.Register(engine.Registry);
        return engine;
    }
}
