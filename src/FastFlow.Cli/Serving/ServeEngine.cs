using FastFlow.Actions;
using FastFlow.Cli.Commands;
using FastFlow.Storage.Stores;

namespace FastFlow.Cli.Serving;

/// <summary>The engine behind <c>fastflow serve</c>. Unlike a local run, the server runs what
/// others send it: exec is off unless programs are allowed by name, file_operation is off unless
/// a file root is given, and definitions naming a refused action are turned away when they arrive.</summary>
internal static class ServeEngine
{
    /// <summary>The action that starts programs: refused unless <c>--allow-program</c> names some.</summary>
    public const string Exec = "exec";

    /// <summary>The action that reads and writes files: refused unless <c>--file-root</c> is given.</summary>
    public const string FileOperation = "file_operation";

    /// <summary>Creates the engine (the I/O actions registered, the agents of the agents file loaded,
    /// remote ones served to workers: <see cref="ServeAgents"/>).</summary>
    /// <exception cref="CommandFailedException">The agents file has errors.</exception>
    public static FlowEngine Create(ServeSettings settings, IStateStore? store)
    {
        var options = new FlowEngineOptions
        {
            AllowExec = settings.AllowedPrograms.Count > 0,
            FileRoot = settings.FileRoot,
            WorkerCount = Environment.ProcessorCount,
            Store = store,
        };
        foreach (var program in settings.AllowedPrograms)
        {
            options.ExecAllowList.Add(program);
        }

        var engine = new FlowEngine(options);
        try
        {
            IoActions.Register(engine.Registry);
            if (settings.AgentsFile is { } file)
            {
                var agents = ServeAgents.Load(engine, file);
                if (!agents.Valid)
                {
                    throw new CommandFailedException(
                        $"the agents file {file} has {agents.Counts()}; the server did not start",
                        "fix the problems above at the lines they name; docs/agents.md describes every field",
                        ExitCodes.InvalidInput,
                        agents.Diagnostics);
                }
            }

            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>The actions definitions may not use on this server.</summary>
    public static HashSet<string> RefusedActions(ServeSettings settings)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        if (settings.AllowedPrograms.Count == 0)
        {
            refused.Add(Exec);
        }

        if (settings.FileRoot is null)
        {
            refused.Add(FileOperation);
        }

        return refused;
    }
}
