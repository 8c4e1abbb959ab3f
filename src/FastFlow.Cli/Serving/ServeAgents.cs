using FastFlow.Actions.Agents;
using FastFlow.Agents;
using FastFlow.Cli.Output;
using FastFlow.Server.Requests;

namespace FastFlow.Cli.Serving;

/// <summary>The agents file of <c>fastflow serve --agents F</c>, loaded into the server's engine:
/// process and HTTP agents as a local run has them, and each remote agent with a
/// <see cref="RemoteAgentTransport"/>, whose attempts wait until a worker leases them over the
/// protocol (the server finds it in the engine's registry by the agent's id).</summary>
internal static class ServeAgents
{
    /// <summary>Registers every well-formed agent of the file and reports the file.</summary>
    public static FileReport Load(FlowEngine engine, string path)
    {
        var file = AgentsFile.Load(path);
        foreach (var agent in file.Agents)
        {
            engine.Registry.RegisterAgent(agent.Descriptor, agent.Transport);
        }

        foreach (var agent in file.RemoteAgents)
        {
            engine.Registry.RegisterAgent(agent.Descriptor, new RemoteAgentTransport(agent.Descriptor.Id, agent.LeaseDuration));
        }

        return new FileReport(path, file.IsValid, file.Diagnostics);
    }
}
