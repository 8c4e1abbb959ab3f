using FastFlow.Actions.Agents;
using FastFlow.Agents;
using FastFlow.Cli.Output;

namespace FastFlow.Cli.Loading;

/// <summary>The agents file of <c>--agents F</c>, loaded into a local engine.</summary>
internal static class LocalAgents
{
    /// <summary>Registers every well-formed agent, so that a definition's references
    /// to them resolve even when other entries of the file have errors, and reports the file.</summary>
    public static FileReport Load(FlowEngine engine, string path)
    {
        var file = AgentsFile.Load(path);
        foreach (var agent in file.Agents)
        {
            engine.Registry.RegisterAgent(agent.Descriptor, agent.Transport);
        }

        return new FileReport(path, file.IsValid, file.Diagnostics);
    }
}
