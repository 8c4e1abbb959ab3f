using FastFlow.Actions.Agents;
using FastFlow.Agents;
using FastFlow.Cli.Commands;
using FastFlow.Cli.Output;
using FastFlow.Validation;

namespace FastFlow.Cli.Loading;

/// <summary>The agents file of <c>--agents F</c>, loaded into a local engine.</summary>
internal static class LocalAgents
{
    /// <summary>For checking: registers every well-formed agent, so that a definition's references
    /// to them resolve even when other entries of the file have errors, and reports the file.</summary>
    public static FileReport LoadForChecking(FlowEngine engine, string path)
    {
        var file = AgentsFile.Load(path);
        foreach (var agent in file.Agents)
        {
            engine.Registry.RegisterAgent(agent.Descriptor, agent.Transport);
        }

        return new FileReport(path, file.IsValid, file.Diagnostics);
    }

    /// <summary>For running: every agent of a file without errors, or a failure that lists them.</summary>
    /// <returns>The file's warnings.</returns>
    /// <exception cref="CommandFailedException">The file has errors.</exception>
    public static IReadOnlyList<Diagnostic> LoadForRunning(FlowEngine engine, string path)
    {
        var file = AgentsFile.Load(path);
        try
        {
            AgentsFile.Register(engine.Registry, file, engine.Options);
        }
        catch (DefinitionException e)
        {
            throw new CommandFailedException(
                $"the agents file {path} has {(e.Diagnostics.Count == 1 ? "an error" : e.Diagnostics.Count + " errors")}; nothing ran",
                "fix it (docs/agents.md describes every field), or check it with `fastflow validate FILE --agents " + path + "`",
                ExitCodes.InvalidInput,
                e.Diagnostics);
        }

        return [.. file.Diagnostics.Where(static d => !d.IsError)];
    }
}
